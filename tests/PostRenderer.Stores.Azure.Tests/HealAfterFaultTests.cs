using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Issues 6 and 18 for Azure: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>).</summary>
public sealed class HealAfterFaultTests : FaultScenarios<AzureUnderTest>;
