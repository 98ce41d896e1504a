using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Issue 6 for Vault: the shared heal-after-fault scenario (<see cref="HealAfterFault"/>) over KV v2.</summary>
public sealed class HealAfterFaultTests : IAsyncLifetime, IFaultableStore
{
    private FakeVault fake = null!;

    public async Task InitializeAsync() => fake = await FakeVault.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "permission denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault) =>
        HealAfterFault.RunAsync(this, fault, new HealAfterFault.Options { Impatient = new PopulationSettings { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 } });

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
            case "server errors": fake.FailNext(1000, 503); break;
            case "throttling": fake.FailNext(1000, 429, retryAfter: "0"); break;
            case "slow answers": fake.ResponseDelay = TimeSpan.FromSeconds(5); break;
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
