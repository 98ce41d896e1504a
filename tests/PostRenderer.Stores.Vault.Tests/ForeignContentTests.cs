using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against Vault.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<VaultUnderTest>;
