using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// AWS Secrets Manager under test (<see cref="StoreTests{TStore}"/>,
/// <see cref="RawValueScenariosWithLostAnswers{TStore}"/>, <see cref="FaultScenarios{TStore}"/>,
/// <see cref="ForeignContentScenarios{TStore}"/>): a fake, and stores made as the CLI makes them.
/// </summary>
public sealed class AwsUnderTest : ISizeLimitedStore, ILostAnswerStore, IForeignContentStore
{
    private ISecretStore? store;

    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.AccessDenied, StoreFaults.LostAnswer];

    public string Entry => "shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 65_537), "raw value takes 65,537 bytes");

    // {"k":"..."} is 8 bytes around the value; "é" is 2 bytes in UTF-8: 65,538 bytes, and 65,536 of "a".
    public (Dictionary<string, string> Properties, string Size, string Limit) JsonOverLimit =>
        (Properties(("k", new string('é', 32_765))), "65,538 bytes", "65,536 bytes");

    public (Dictionary<string, string> Properties, int StoredLength) JsonAtLimit => (Properties(("k", new string('a', 65_528))), 65_536);

    public int ApiRequests => Server.Requests;

    public int WriteRequests => Server.Operations.Count(operation => operation is "CreateSecret" or "PutSecretValue" or "UpdateSecretVersionStage");

    internal FakeAwsServer Server { get; private set; } = null!;

    /// <summary>The warnings of the stores <see cref="CreateStore()"/> makes.</summary>
    internal RecordingReporter Reporter { get; } = new();

    /// <summary>The test's one store when it needs only one: made on first use, as <see cref="CreateStore()"/> makes them.</summary>
    internal ISecretStore Store => store ??= CreateStore();

    public async Task InitializeAsync() => Server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync()
    {
        store?.Dispose();
        await Server.DisposeAsync();
    }

    public ISecretStore CreateStore() => new AwsStoreFactory().Create(Context(Environment(Server)) with { Reporter = Reporter });

    public void Seed(string entry, string value) => Server.Secrets.Seed(entry, value);

    void IForeignContentStore.SeedContent(string entry, string content) => Server.Secrets.Seed(entry, content);

    public string? Current(string entry) => Server.Secrets.CurrentString(entry);

    public int VersionCount(string entry) => Server.Secrets.VersionCount(entry);

    public void FailNextRequests(int count) => Server.Fail(new FakeFault(503), count);

    public void LoseNextCreateAnswer() => Server.Fail("CreateSecret", new FakeFault(502, AfterApplying: true));

    string IFaultableStore.Entry(int index) => $"heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Server.Secrets.Seed(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => Create(Server, settings);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Server.Secrets.CurrentString(entry) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;

    void IFaultableStore.Inject(string fault) => AwsJsonFaults.Inject(Server, fault, "InternalServiceError");

    void IFaultableStore.Heal() => AwsJsonFaults.Heal(Server);

    void IFaultableStore.StallAfterHeaders() => Server.StallBodies = true;

    Uri IFaultableStore.FakeAddress => Server.Endpoint;

    string IFaultableStore.CredentialSecret => FakeAwsServer.TestKey.SecretKey;

    int IFaultableStore.RequestsReceived => ApiRequests;

    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings)
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = address.ToString();
        return Create(environment, populate: settings);
    }

    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => SecretStringRefusals.Of("SecretString");
}
