using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Parameter Store for the shared scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>,
/// <see cref="FaultScenarios{TStore}"/>, <see cref="ForeignContentScenarios{TStore}"/>): a fake, and stores made as
/// the CLI makes them.
/// </summary>
public sealed class ParameterStoreUnderTest : ParameterStoreTestbed, IRotationStore, ILostAnswerStore, IForeignContentStore
{
    static IReadOnlyList<string> IFaultableStore.Faults =>
        [StoreFaults.ServerErrors, StoreFaults.Throttling, StoreFaults.SlowAnswers, StoreFaults.AccessDenied, StoreFaults.LostAnswer];

    public string Entry => "/shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 4_097), "raw value takes 4,097 bytes");

    public int WriteRequests => Fake.Operations.Count(operation => operation == "PutParameter");

    public ISecretStore CreateStore() => CreateStore(populate: null);

    public Action<string>? BeforeWrite { get => Fake.BeforePut; set => Fake.BeforePut = value; }

    public void Seed(string entry, string value) => Fake.Put(entry, value);

    void IForeignContentStore.SeedContent(string entry, string content) => Fake.Put(entry, content);

    public string? Current(string entry) => Fake.Latest(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.Fail(new FakeFault(503), count);

    public void LoseNextCreateAnswer() => Fake.Fail("PutParameter", new FakeFault(500, AfterApplying: true));

    string IFaultableStore.Entry(int index) => $"/heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Fake.Put(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => CreateStore(settings);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Fake.Latest(entry) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;

    void IFaultableStore.Inject(string fault) => AwsJsonFaults.Inject(Fake, fault, "InternalServerError");

    void IFaultableStore.Heal() => AwsJsonFaults.Heal(Fake);

    void IFaultableStore.StallAfterHeaders() => Fake.StallBodies = true;

    Uri IFaultableStore.FakeAddress => Fake.Endpoint;

    string IFaultableStore.CredentialSecret => FakeParameterStore.TestKey.SecretKey;

    int IFaultableStore.RequestsReceived => Fake.Requests;

    ISecretStore IFaultableStore.CreateStoreAt(Uri address, PopulationSettings settings)
    {
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSM"] = address.ToString();
        return CreateStore(settings, environment: environment);
    }

    static IReadOnlyDictionary<ForeignContent, string> IForeignContentStore.Refusals => SecretStringRefusals.Of("the parameter's value");
}
