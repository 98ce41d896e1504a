using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The SSO profile tests point AWS_CONFIG_FILE at their own file, so they run alone, in this collection, and put the
/// values back (xunit wants a collection defined in the assembly that uses it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";

    public static IDisposable Set(params (string Name, string? Value)[] variables) => EnvironmentVariables.Set(variables);
}
