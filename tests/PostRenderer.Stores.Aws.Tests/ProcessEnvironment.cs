using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The SDK's default credential chain reads the process environment itself (AWS_CONTAINER_CREDENTIALS_FULL_URI,
/// AWS_EC2_METADATA_SERVICE_ENDPOINT, AWS_CONFIG_FILE, ...), so tests of it set variables there; they run alone,
/// in this collection, and put the values back.
/// </summary>
[CollectionDefinition(EnvironmentVariables.Collection, DisableParallelization = true)]
public sealed class ProcessEnvironment;
