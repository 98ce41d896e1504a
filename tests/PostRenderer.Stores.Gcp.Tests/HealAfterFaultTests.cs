using System.Net;
using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 6 for GCP: the shared heal-after-fault scenario (<see cref="HealAfterFault"/>), and the faults the other
/// GCP tests do not cover (connection refused, a TLS failure).
/// </summary>
public sealed class HealAfterFaultTests : IAsyncLifetime, IFaultableStore
{
    private GcpStoreHarness harness = null!;

    private FakeSecretManager Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await GcpStoreHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "permission denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault) =>
        HealAfterFault.RunAsync(this, fault);

    [Fact]
    public async Task Connection_refused_is_a_store_exception()
    {
        using var store = Create($"http://127.0.0.1:{ClosedPort.Find()}/");

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal-e0", default));

        Assert.Contains("cannot reach http://127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_failure_is_a_store_exception_and_nothing_is_sent()
    {
        using var store = Create($"https://127.0.0.1:{Fake.Endpoint.Port}/"); // the fake speaks plain HTTP

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal-e0", new Dictionary<string, string> { ["k"] = "tls-secret-value" }, null, default));

        Assert.Contains("cannot reach https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.SecretRequests);
    }

    private ISecretStore Create(string endpoint) =>
        new GcpStoreFactory().Create(GcpStoreHarness.Context(
            new GcpSettings { ProjectId = FakeSecretManager.Project, Endpoint = endpoint },
            new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = harness.Key.Path },
            TimeSpan.FromSeconds(5),
            retries: 0));

    string IFaultableStore.Entry(int index) => $"heal-e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Fake.AddVersion(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    // Quota errors are waited out for gcp.quotaWait (60 s by default); here throttling must outlast a short one.
    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => harness.CreateStore(settings.Timeout, settings.Retries, quotaWait: TimeSpan.FromMilliseconds(500));

    int IFaultableStore.VersionCount(string entry) => Fake.VersionCount(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Fake.LatestJson(entry)?.ToDictionary(property => property.Key, property => property.Value!.GetValue<string>());

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": Fake.FailNext(2, HttpStatusCode.ServiceUnavailable); break; // the read and its one retry
            case "throttling": Fake.QuotaExhaustedUntil = DateTimeOffset.MaxValue; break;
            case "slow answers": Fake.Delay = TimeSpan.FromSeconds(5); break;
            default: Fake.DenyPermission = true; break;
        }
    }

    void IFaultableStore.Heal()
    {
        Fake.Delay = TimeSpan.Zero;
        Fake.DenyPermission = false;
        Fake.QuotaExhaustedUntil = DateTimeOffset.MinValue;
    }
}
