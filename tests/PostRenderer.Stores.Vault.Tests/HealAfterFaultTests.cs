using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Issue 6 for Vault: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>) over KV v2.</summary>
public sealed class HealAfterFaultTests : FaultScenarios<VaultUnderTest>;
