using Azure.Core;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>A fresh fake vault per test, and stores (the real SDK client) pointed at it.</summary>
public abstract class KeyVaultTestbed : IAsyncLifetime
{
    private readonly MadeStores stores = new();

    internal FakeKeyVault Vault { get; private set; } = null!;

    internal StaticTokenCredential Credential { get; } = new(FakeKeyVault.Token);

    /// <summary>A *.vault.azure.net name unique to this test, so the SDK's process-wide challenge cache starts empty.</summary>
    internal string VaultUrl { get; } = $"https://kv{Guid.NewGuid():N}"[..26] + ".vault.azure.net/";

    public async Task InitializeAsync() => Vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync()
    {
        stores.Dispose();
        await Vault.DisposeAsync();
    }

    /// <summary>A store of the real SDK client; <paramref name="transport"/> replaces the one that reaches the fake.</summary>
    internal ISecretStore CreateStore(
        PopulationSettings? population = null, TokenCredential? credential = null, string? vaultUrl = null, HttpMessageHandler? transport = null)
    {
        var settings = new Settings { Backend = Backend.Azure }.WithSection(Backend.Azure, new AzureSettings { VaultUrl = vaultUrl ?? VaultUrl });
        var context = new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(population ?? Fast));
        return stores.Keep(AzureKeyVaultStoreFactory.Create(context, credential ?? Credential, "DefaultAzureCredential", transport ?? Vault.CreateTransport()));
    }
}
