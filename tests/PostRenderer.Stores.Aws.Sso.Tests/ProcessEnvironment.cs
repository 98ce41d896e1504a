namespace PostRenderer.Stores.Aws.Tests;

/// <summary>The SSO profile tests set process environment variables, so they run alone (xunit wants the collection in this assembly).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}
