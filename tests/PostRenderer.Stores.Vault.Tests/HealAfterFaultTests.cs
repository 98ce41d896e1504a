using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Issue 6 for Vault: the shared heal-after-fault scenario (<see cref="HealAfterFaultScenarios{TStore}"/>) over KV v2.</summary>
public sealed class HealAfterFaultTests : HealAfterFaultScenarios<VaultUnderTest>;
