using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Builds the real store through its public factory, as the CLI would, against a fake Vault.</summary>
internal static class VaultStores
{
    public static ISecretStore Create(
        Dictionary<string, string> environment,
        VaultSettings? vault = null,
        TimeSpan? timeout = null,
        int retries = 3)
    {
        var settings = new Settings { Backend = Backend.Vault }.WithSection(Backend.Vault, vault ?? new VaultSettings());
        var http = new StoreHttp(new PopulationSettings { Timeout = timeout ?? TimeSpan.FromSeconds(5), Retries = retries });
        return new VaultStoreFactory().Create(new StoreContext(settings, environment, http));
    }

    /// <summary>The minimal setup: VAULT_ADDR and VAULT_TOKEN only.</summary>
    public static ISecretStore Create(FakeVault fake, VaultSettings? vault = null, TimeSpan? timeout = null, int retries = 3) =>
        Create(Environment(fake), vault, timeout, retries);

    public static Dictionary<string, string> Environment(FakeVault fake, string token = FakeVault.RootToken) => new()
    {
        ["VAULT_ADDR"] = fake.Address.ToString().TrimEnd('/'),
        ["VAULT_TOKEN"] = token,
    };
}
