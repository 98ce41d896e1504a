using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>Issues 6 and 18 for GCP: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>).</summary>
public sealed class HealAfterFaultTests : FaultScenarios<GcpUnderTest>;
