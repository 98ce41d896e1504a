using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>
/// Vault for the shared scenarios (<see cref="HealAfterFaultScenarios{TStore}"/>): a fake Vault with a KV v2 mount,
/// and stores made by the real factory against it.
/// </summary>
public sealed class VaultScenarioStore : IFaultableStore
{
    private FakeVault fake = null!;

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.PermissionDenied];

    public async Task InitializeAsync() => fake = await FakeVault.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    string IFaultableStore.Entry(int index) => $"heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) => fake.Secret.Seed(entry, new Dictionary<string, string> { [key] = value });

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) =>
        VaultStores.Create(fake, new VaultSettings { KvVersion = 2 }, settings.Timeout, settings.Retries);

    int IFaultableStore.VersionCount(string entry) => fake.Secret.CurrentVersion(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) => fake.Secret.Current(entry);

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: fake.FailNext(1000, 503); break;
            case StoreFaults.Throttling: fake.FailNext(1000, 429, retryAfter: "0"); break;
            case StoreFaults.SlowAnswers: fake.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: fake.Tokens[FakeVault.RootToken] = false; break; // the token may read but no longer write
        }
    }

    void IFaultableStore.Heal()
    {
        fake.FailNext(0, 200);
        fake.ResponseDelay = TimeSpan.Zero;
        fake.Tokens[FakeVault.RootToken] = true;
    }
}
