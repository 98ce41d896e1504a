using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Issue 18 item 6 for Alibaba: a rotation that lands between the tool's re-check and its PutSecretValue must not be
/// undone. For every key this run did not add, the newest value in the store wins; the tool writes again with it.
/// </summary>
public sealed class ConcurrentRotationTests : ConcurrentRotationScenarios<AlibabaUnderTest>;
