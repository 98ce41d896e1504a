using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against GCP Secret Manager.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<GcpUnderTest>;
