using System.Net;
using System.Net.Sockets;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 6: faults the other GCP tests do not cover (connection refused, a TLS failure), and a population that a
/// fault stops half-way is completed by a re-run once the fault heals, with nothing lost and nothing duplicated:
/// the product's <see cref="Populator"/> fills six entries; after three the fault starts and the fourth fails with a
/// <see cref="StoreException"/> naming it (and no value); the re-run writes only what is missing, never replaces
/// the value that was in the store before, and adds no version to the entries already complete.
/// </summary>
public sealed class HealAfterFaultTests : IAsyncLifetime
{
    private const int Entries = 6;
    private static readonly PopulationSettings Settings = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    // Healthy phases get a generous timeout, so that a slow first request on a loaded machine (token, JIT,
    // server warm-up) is not retried into an extra version; only the fault phase uses the short one.
    private static readonly PopulationSettings Healthy = new() { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };
    private GcpStoreHarness harness = null!;

    private FakeSecretManager Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await GcpStoreHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "permission denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault)
    {
        Fake.AddVersion("heal-e0", """{"k1":"kept-original-value"}""");
        var store = harness.CreateStore(Healthy.Timeout, Healthy.Retries);
        var populator = new Populator(store, Healthy);
        var impatient = new Populator(harness.CreateStore(Settings.Timeout, Settings.Retries), Settings);
        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(i), default);
        }

        Inject(fault);
        var error = await Assert.ThrowsAsync<StoreException>(() => impatient.PopulateAsync(Request(3), default));
        Assert.Equal("heal-e3", error.Entry);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);

        Heal();
        var versionsBefore = Enumerable.Range(0, 3).Select(i => Fake.VersionCount($"heal-e{i}")).ToList();
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(i), default);
            Assert.Equal(i < 3 ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore, Enumerable.Range(0, 3).Select(i => Fake.VersionCount($"heal-e{i}")));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = "kept-original-value";
            }

            Assert.Equal(expected, Fake.LatestJson($"heal-e{i}")!.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));
            Assert.Equal(i == 0 ? 2 : 1, Fake.VersionCount($"heal-e{i}"));
        }
    }

    [Fact]
    public async Task Connection_refused_is_a_store_exception()
    {
        using var store = Create($"http://127.0.0.1:{ClosedPort()}/");

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

    private static EntryRequest Request(int i) => new($"heal-e{i}",
        new Dictionary<string, string> { ["k1"] = $"heal-value-{i}-1", ["k2"] = $"heal-value-{i}-2", ["k3"] = $"heal-value-{i}-3" }, $"document {i + 1}");

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": Fake.FailNext(2, HttpStatusCode.ServiceUnavailable); break; // the read and its one retry
            case "throttling": Fake.RetryAfterSeconds = 0; Fake.FailNext(2, HttpStatusCode.TooManyRequests); break;
            case "slow answers": Fake.Delay = TimeSpan.FromSeconds(5); break;
            default: Fake.DenyPermission = true; break;
        }
    }

    private void Heal()
    {
        Fake.Delay = TimeSpan.Zero;
        Fake.DenyPermission = false;
    }
}
