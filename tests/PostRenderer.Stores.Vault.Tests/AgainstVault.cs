using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>A test class against Vault: a fake Vault started for each test (<see cref="VaultUnderTest"/>).</summary>
public abstract class AgainstVault : StoreTests<VaultUnderTest>
{
    private protected FakeVault Fake => Target.Fake;
}
