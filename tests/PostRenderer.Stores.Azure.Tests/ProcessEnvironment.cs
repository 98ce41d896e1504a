using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// DefaultAzureCredential reads the process environment itself (IDENTITY_ENDPOINT, AZURE_POD_IDENTITY_AUTHORITY_HOST,
/// ...), so tests of it set variables there; they run alone, in this collection, and put the values back.
/// </summary>
[CollectionDefinition(EnvironmentVariables.Collection, DisableParallelization = true)]
public sealed class ProcessEnvironment;
