using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 6 for AWS: the shared heal-after-fault scenario (<see cref="HealAfterFault"/>), plus an answer lost after
/// the write was applied, and the faults the other AWS tests do not cover (connection refused, a TLS failure).
/// </summary>
public sealed class HealAfterFaultTests : IAsyncLifetime, IFaultableStore
{
    private const string LostAnswer = "answer lost after the write";
    private FakeAwsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "access denied", LostAnswer];

    [Theory]
    [MemberData(nameof(Faults))]
    public Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault) =>
        HealAfterFault.RunAsync(this, fault, new HealAfterFault.Options
        {
            // The write the populator makes after reading nothing, whose answer is then lost.
            FailingStep = fault == LostAnswer ? (store, request) => store.TryWriteAsync(request.Entry, request.Values, null, default) : null,
            MayHaveApplied = candidate => candidate == LostAnswer,
        });

    [Fact]
    public async Task Connection_refused_is_a_store_exception_naming_the_endpoint()
    {
        var environment = Environment(server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = $"http://127.0.0.1:{ClosedPort.Find()}/";
        using var store = Create(environment, populate: new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal/e0", default));

        Assert.Contains("cannot reach http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_failure_is_a_store_exception_and_nothing_is_sent()
    {
        var environment = Environment(server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = $"https://127.0.0.1:{server.Endpoint.Port}/"; // the fake speaks plain HTTP
        using var store = Create(environment, populate: new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal/e0", Properties(("k", "tls-secret-value")), null, default));

        Assert.Contains("cannot reach https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Operations);
    }

    string IFaultableStore.Entry(int index) => $"heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        server.Secrets.Seed(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => Create(server, settings);

    int IFaultableStore.VersionCount(string entry) => server.Secrets.VersionCount(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        server.Secrets.CurrentString(entry) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": server.Fail(new FakeFault(500, "InternalServiceError"), times: 2); break; // the read and its one retry
            case "throttling": server.Fail(new FakeFault(429, RetryAfter: TimeSpan.Zero), times: 2); break;
            case "slow answers": server.Delay = TimeSpan.FromSeconds(5); break;
            case "access denied": server.DenyAccess = true; break;
            default: server.Fail(new FakeFault(500, AfterApplying: true), times: 2); break; // applied, but the answer and the retry's are lost
        }
    }

    void IFaultableStore.Heal()
    {
        server.Delay = TimeSpan.Zero;
        server.DenyAccess = false;
    }
}
