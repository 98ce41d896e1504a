using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against Parameter Store.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<ParameterStoreUnderTest>;
