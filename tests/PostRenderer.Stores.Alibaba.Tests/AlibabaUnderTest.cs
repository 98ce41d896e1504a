using System.Net;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Alibaba for the shared scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>,
/// <see cref="FaultScenarios{TStore}"/>, <see cref="ForeignContentScenarios{TStore}"/>): a fake KMS that knows one
/// AccessKey, and stores made by the real factory against it.
/// </summary>
public sealed class AlibabaUnderTest : IRotationStore, ILostAnswerStore, IForeignContentStore
{
    private AlibabaHarness harness = null!;

    public string Entry => "shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 30_721), "raw value takes 30,721 bytes");

    public int WriteRequests => Fake.Calls("CreateSecret") + Fake.Calls("PutSecretValue");

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.PermissionDenied];

    internal AlibabaHarness Harness => harness;

    internal FakeAlibabaKms Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await AlibabaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public ISecretStore CreateStore() => harness.CreateStore();

    public Action<string>? BeforeWrite { get => Fake.BeforePut; set => Fake.BeforePut = value; }

    public void Seed(string entry, string value) => Fake.Seed(entry, value);

    void IForeignContentStore.SeedContent(string entry, string content) => Fake.Seed(entry, content);

    public string? Current(string entry) => Fake.Current(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.FailNext(count, HttpStatusCode.ServiceUnavailable);

    public void LoseNextCreateAnswer()
    {
        var writes = 0;
        Fake.AfterWrite = _ => Interlocked.Increment(ref writes) == 1 ? HttpStatusCode.InternalServerError : null;
    }

    string IFaultableStore.Entry(int index) => $"heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) => Fake.Seed(entry, $$"""{"{{key}}":"{{value}}"}""");

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => harness.CreateStore(settings.Timeout, settings.Retries);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) => Fake.CurrentProperties(entry);

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: Fake.FailNext(2); break; // the read and its one retry
            case StoreFaults.Throttling: Fake.Throttle = true; break;
            case StoreFaults.SlowAnswers: Fake.Delay = TimeSpan.FromSeconds(5); break;
            default: Fake.DenyPermission = true; break;
        }
    }

    void IFaultableStore.Heal()
    {
        Fake.Delay = TimeSpan.Zero;
        Fake.Throttle = false;
        Fake.DenyPermission = false;
        Fake.FailNext(0);
    }

    void IFaultableStore.StallAfterHeaders() => Fake.StallAfterHeaders = true;

    Uri IFaultableStore.FakeAddress => Fake.Endpoint;

    string IFaultableStore.CredentialSecret => AlibabaHarness.AccessKeySecret;

    int IFaultableStore.RequestsReceived => Fake.Queries.Count;

    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings) =>
        harness.CreateStore(settings.Timeout, settings.Retries, endpoint: address.ToString());

    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => new Dictionary<ForeignContent, string>
    {
        [ForeignContent.TextThatIsNotJson] = "SecretData is not JSON",
        [ForeignContent.JsonArray] = "SecretData holds a JSON array, not an object of string properties",
        [ForeignContent.JsonString] = "SecretData holds a JSON string, not an object of string properties",
        [ForeignContent.NumberProperty] = "property 'port' of SecretData is not a string",
    };
}
