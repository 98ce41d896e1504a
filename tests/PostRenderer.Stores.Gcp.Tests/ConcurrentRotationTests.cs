using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 item 6 for GCP: a rotation that lands between the tool's re-check and its addVersion must not be undone.
/// For every key this run did not add, the newest value in the store wins; the tool writes again with it.
/// </summary>
public sealed class ConcurrentRotationTests : ConcurrentRotationScenarios<GcpUnderTest>;
