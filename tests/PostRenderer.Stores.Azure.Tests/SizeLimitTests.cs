using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 18 item 12: a value over Key Vault's 25,600 characters, counted after the JSON encoding the tool sends (which
/// escapes non-ASCII characters as \uXXXX), is refused before any request.
/// </summary>
public sealed class SizeLimitTests : SizeLimitScenarios<AzureUnderTest>;
