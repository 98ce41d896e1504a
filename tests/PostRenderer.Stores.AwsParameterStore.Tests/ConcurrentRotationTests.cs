using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Issue 18 item 6 for Parameter Store: a rotation that lands between the tool's re-check and its PutParameter must not
/// be undone. For every key this run did not add, the newest value in the store wins; the tool writes again with it.
/// </summary>
public sealed class ConcurrentRotationTests : ConcurrentRotationScenarios<ParameterStoreUnderTest>;
