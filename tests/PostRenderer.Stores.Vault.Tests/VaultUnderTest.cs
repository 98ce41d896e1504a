using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>
/// Vault under test (<see cref="StoreTests{TStore}"/>, <see cref="FaultScenarios{TStore}"/>,
/// <see cref="ForeignContentScenarios{TStore}"/>): a fake Vault with a KV v2 mount at secret/ and a KV v1 mount at
/// kv1/, and stores made by the real factory against it.
/// </summary>
public sealed class VaultUnderTest : IForeignContentStore
{
    private static readonly VaultSettings KvV2 = new() { KvVersion = 2 };

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.PermissionDenied];

    internal FakeVault Fake { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeVault.StartAsync();
        Fake.Mounts["kv1"] = new FakeKvMount(1);
    }

    public async Task DisposeAsync() => await Fake.DisposeAsync();

    string IFaultableStore.Entry(int index) => $"heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) => Fake.Secret.Seed(entry, new Dictionary<string, string> { [key] = value });

    void IForeignContentStore.SeedContent(string entry, string content) => Fake.Secret.SetRaw(entry, content);

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) =>
        VaultStores.Create(Fake, KvV2, settings.Timeout, settings.Retries);

    int IFaultableStore.VersionCount(string entry) => Fake.Secret.CurrentVersion(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) => Fake.Secret.Current(entry);

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: Fake.FailNext(1000, 503); break;
            case StoreFaults.Throttling: Fake.FailNext(1000, 429, retryAfter: "0"); break;
            case StoreFaults.SlowAnswers: Fake.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: Fake.Tokens[FakeVault.RootToken] = false; break; // the token may read but no longer write
        }
    }

    void IFaultableStore.Heal()
    {
        Fake.FailNext(0, 200);
        Fake.ResponseDelay = TimeSpan.Zero;
        Fake.Tokens[FakeVault.RootToken] = true;
    }

    void IFaultableStore.StallAfterHeaders() => Fake.StallAfterHeadersOn = "/v1/secret/data/";

    Uri IFaultableStore.FakeAddress => Fake.Address;

    string IFaultableStore.CredentialSecret => FakeVault.RootToken;

    int IFaultableStore.RequestsReceived => Fake.Requests.Count;

    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings)
    {
        var environment = VaultStores.Environment(Fake);
        environment["VAULT_ADDR"] = address.ToString().TrimEnd('/');
        return VaultStores.Create(environment, KvV2, settings.Timeout, settings.Retries);
    }

    // An entry's data is a value inside Vault's JSON answer: any JSON, but never text that is not JSON.
    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => new Dictionary<ForeignContent, string>
    {
        [ForeignContent.JsonArray] = "the entry's data is a JSON array, not a JSON object of strings",
        [ForeignContent.JsonString] = "the entry's data is a JSON string, not a JSON object of strings",
        [ForeignContent.NumberProperty] = "property 'port' is a number, not a string",
    };
}
