using System.Net;
using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// GCP for the shared scenarios (<see cref="RawValueScenarios{TStore}"/>, <see cref="FaultScenarios{TStore}"/>,
/// <see cref="ForeignContentScenarios{TStore}"/>): a fake Secret Manager trusting a service account key, and stores
/// made by the real factory against it.
/// </summary>
public sealed class GcpUnderTest : ISizeLimitedStore, IRotationStore, IForeignContentStore
{
    private GcpStoreHarness harness = null!;

    public string Entry => "shop-api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 65_537), "raw value takes 65,537 bytes");

    // {"k":"..."} is 8 bytes around the value.
    public (Dictionary<string, string> Properties, string Size, string Limit) JsonOverLimit =>
        (StoreTestDefaults.Properties(("k", new string('a', 65_529))), "65,537 bytes", "65,536 bytes");

    public (Dictionary<string, string> Properties, int StoredLength) JsonAtLimit => (StoreTestDefaults.Properties(("k", new string('a', 65_528))), 65_536);

    /// <summary>Requests to the Secret Manager API (not the token endpoint).</summary>
    public int ApiRequests => Fake.SecretRequests;

    public int WriteRequests => Fake.WriteRequests;

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.PermissionDenied];

    internal GcpStoreHarness Harness => harness;

    internal FakeSecretManager Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await GcpStoreHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public ISecretStore CreateStore() => harness.CreateStore();

    public Action<string>? BeforeWrite { get => Fake.BeforeAddVersion; set => Fake.BeforeAddVersion = value; }

    public void Seed(string entry, string value) => Fake.AddVersion(entry, value);

    void IForeignContentStore.SeedContent(string entry, string content) => Fake.AddVersion(entry, content);

    public string? Current(string entry) => Fake.LatestText(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.FailNext(count, HttpStatusCode.ServiceUnavailable);

    string IFaultableStore.Entry(int index) => $"heal-e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Fake.AddVersion(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    // Quota errors are waited out for gcp.quotaWait (60 s by default); here throttling must outlast a short one.
    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) =>
        harness.CreateStore(settings.Timeout, settings.Retries, quotaWait: TimeSpan.FromMilliseconds(500));

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Fake.LatestJson(entry)?.ToDictionary(property => property.Key, property => property.Value!.GetValue<string>());

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: Fake.FailNext(2, HttpStatusCode.ServiceUnavailable); break; // the read and its one retry
            case StoreFaults.Throttling: Fake.QuotaExhaustedUntil = DateTimeOffset.MaxValue; break;
            case StoreFaults.SlowAnswers: Fake.Delay = TimeSpan.FromSeconds(5); break;
            default: Fake.DenyPermission = true; break;
        }
    }

    void IFaultableStore.Heal()
    {
        Fake.Delay = TimeSpan.Zero;
        Fake.DenyPermission = false;
        Fake.QuotaExhaustedUntil = DateTimeOffset.MinValue;
    }

    void IFaultableStore.StallAfterHeaders() => Fake.StallBodies = true;

    Uri IFaultableStore.FakeAddress => Fake.Endpoint;

    // A line of the service account's private key, from the middle of the PEM.
    string IFaultableStore.CredentialSecret => harness.Key.PrivateKeyPem.Split('\n')[1];

    int IFaultableStore.RequestsReceived => ApiRequests;

    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings) =>
        harness.CreateStore(settings.Timeout, settings.Retries, endpoint: address.ToString());

    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => new Dictionary<ForeignContent, string>
    {
        [ForeignContent.TextThatIsNotJson] = "the latest version is not JSON; expected a JSON object of string properties",
        [ForeignContent.JsonArray] = "the latest version holds a JSON array, not a JSON object of string properties",
        [ForeignContent.JsonString] = "the latest version holds a JSON string, not a JSON object of string properties",
        [ForeignContent.NumberProperty] = "property 'port' of the latest version is a JSON number, not a string",
    };

    // The key's PEM and an access token (ya29.) besides the line of the key the fault scenarios look for.
    IReadOnlyList<string> IForeignContentStore.Credentials => [((IFaultableStore)this).CredentialSecret, "PRIVATE KEY", "ya29."];
}
