using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Azure for the shared scenarios (<see cref="RawValueScenarios{TStore}"/>, <see cref="FaultScenarios{TStore}"/>,
/// <see cref="ForeignContentScenarios{TStore}"/>): a fake vault, and stores (the real SDK client) pointed at it.
/// </summary>
public sealed class AzureUnderTest : KeyVaultTestbed, ISizeLimitedStore, IRotationStore, IForeignContentStore
{
    /// <summary>How the store's every refusal of an entry's content goes on.</summary>
    private const string ExpectedContent = "; expected one JSON object of string values";

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.AccessDenied];

    public string Entry => "shop-api-token";

    // 4,300 'é' are 4,300 characters but 25,800 as sent (\u00e9 each).
    public (string Value, string Refusal) OverLimit => (new string('é', 4_300), "raw value takes 25,800 characters");

    // Counted after the JSON encoding the tool sends: 4,300 "ü" are 25,808 characters once each is written as \u00FC.
    public (Dictionary<string, string> Properties, string Size, string Limit) JsonOverLimit =>
        (Properties(("k", new string('ü', 4_300))), "25,808 characters", "25,600 characters");

    public (Dictionary<string, string> Properties, int StoredLength) JsonAtLimit => (Properties(("k", new string('a', 25_592))), 25_600);

    public int ApiRequests => Vault.Log.Count;

    public int WriteRequests => Vault.Log.Count(request => request.StartsWith("PUT ", StringComparison.Ordinal));

    public ISecretStore CreateStore() => CreateStore(population: null);

    public Action<string>? BeforeWrite { get => Vault.BeforeSet; set => Vault.BeforeSet = value; }

    public void Seed(string entry, string value) => Vault.Seed(entry, value, contentType: null);

    void IForeignContentStore.SeedContent(string entry, string content) => Vault.Seed(entry, content, contentType: null);

    public string? Current(string entry) => Vault.Latest(entry)?.Value;

    public int VersionCount(string entry) => Vault.VersionCount(entry);

    public void FailNextRequests(int count) => Vault.FailNext(count, 503);

    string IFaultableStore.Entry(int index) => $"heal-e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Vault.Seed(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => CreateStore(settings);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Vault.Latest(entry) is { } latest ? JsonSerializer.Deserialize<Dictionary<string, string>>(latest.Value) : null;

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: Vault.FailNext(2, 503); break; // the read and its one retry
            case StoreFaults.Throttling: Vault.FailNext(2, 429, retryAfterSeconds: 0); break;
            case StoreFaults.SlowAnswers: Vault.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: Vault.DenyAccess = true; break;
        }
    }

    void IFaultableStore.Heal()
    {
        Vault.ResponseDelay = TimeSpan.Zero;
        Vault.DenyAccess = false;
    }

    void IFaultableStore.StallAfterHeaders() => Vault.StallBodies = true;

    Uri IFaultableStore.FakeAddress => new($"https://127.0.0.1:{Vault.Port}/");

    string IFaultableStore.CredentialSecret => FakeKeyVault.Token;

    int IFaultableStore.RequestsReceived => ApiRequests;

    // Any address reaches the vault's URL: the transport connects that name to the address's port.
    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings) =>
        CreateStore(settings, transport: FakeKeyVault.ToLoopbackPort(address.Port));

    string IFaultableStore.NameOf(Uri address) => new Uri(VaultUrl).GetLeftPart(UriPartial.Authority);

    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => new Dictionary<ForeignContent, string>
    {
        [ForeignContent.TextThatIsNotJson] = "holds text that is not JSON" + ExpectedContent,
        [ForeignContent.JsonArray] = "holds a JSON array" + ExpectedContent,
        [ForeignContent.JsonString] = "holds a JSON value that is not an object" + ExpectedContent,
        [ForeignContent.NumberProperty] = "has key 'port' holding a JSON number" + ExpectedContent,
    };
}
