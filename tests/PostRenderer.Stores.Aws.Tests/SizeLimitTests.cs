using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>Issue 18 item 12: a SecretString over 65,536 bytes is refused before any request, naming the entry, size and limit.</summary>
public sealed class SizeLimitTests : SizeLimitScenarios<AwsUnderTest>;
