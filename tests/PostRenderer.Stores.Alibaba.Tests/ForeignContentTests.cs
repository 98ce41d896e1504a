using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against Alibaba KMS.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<AlibabaUnderTest>;
