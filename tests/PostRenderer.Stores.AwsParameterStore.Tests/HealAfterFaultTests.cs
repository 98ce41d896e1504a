using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// The shared heal-after-fault scenario (<see cref="HealAfterFaultScenarios{TStore}"/>), with an answer lost after the
/// write was applied among its faults.
/// </summary>
public sealed class HealAfterFaultTests : HealAfterFaultScenarios<ParameterStoreUnderTest>;
