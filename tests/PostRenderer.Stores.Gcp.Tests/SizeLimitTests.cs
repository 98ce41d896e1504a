using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 item 12: a payload over 65,536 bytes is refused before any request. Secret Manager would create the secret
/// and then refuse its first version, leaving an empty secret behind; the fake answers that way too.
/// </summary>
public sealed class SizeLimitTests : SizeLimitScenarios<GcpUnderTest>;
