namespace PostRenderer.Hardening.Tests;

/// <summary>The tests that start many processes or use a lot of memory run one at a time, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHeavyTests
{
    public const string Name = "processes";
}
