using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>The SSO profile tests set process environment variables, so they run alone (xunit wants the collection in this assembly).</summary>
[CollectionDefinition(EnvironmentVariables.Collection, DisableParallelization = true)]
public sealed class ProcessEnvironment;
