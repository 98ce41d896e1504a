using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Issue 6 for Parameter Store: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>), with an answer
/// lost after the write was applied among the faults that heal.
/// </summary>
public sealed class HealAfterFaultTests : FaultScenarios<ParameterStoreUnderTest>;
