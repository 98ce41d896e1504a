using System.Net;
using System.Net.Sockets;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.Aws.Tests.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 6: faults the other AWS tests do not cover (connection refused, a TLS failure), and a population that a
/// fault stops half-way is completed by a re-run once the fault heals, with nothing lost and nothing duplicated:
/// the product's <see cref="Populator"/> fills six entries; after three the fault starts and the fourth fails with a
/// <see cref="StoreException"/> naming it (and no value); the re-run writes only what is missing, never replaces
/// the value that was in the store before, and adds no version to the entries already complete.
/// </summary>
public sealed class HealAfterFaultTests : IAsyncLifetime
{
    private const int Entries = 6;
    private const string LostAnswer = "answer lost after the write";
    private static readonly PopulationSettings Settings = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    // Healthy phases get a generous timeout, so that a slow first request on a loaded machine (token, JIT,
    // server warm-up) is not retried into an extra version; only the fault phase uses the short one.
    private static readonly PopulationSettings Healthy = new() { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };
    private FakeAwsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "access denied", LostAnswer];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault)
    {
        server.Secrets.Seed("heal/e0", """{"k1":"kept-original-value"}""");
        using var store = Create(server, Healthy);
        var populator = new Populator(store, Healthy);
        using var impatientStore = Create(server, Settings);
        var impatient = new Populator(impatientStore, Settings);
        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(i), default);
        }

        Inject(fault);
        var error = await Assert.ThrowsAsync<StoreException>(() => fault == LostAnswer
            ? impatientStore.TryWriteAsync("heal/e3", Request(3).Values, null, default) // the write the populator makes after reading nothing
            : impatient.PopulateAsync(Request(3), default));
        Assert.True(error.Entry is null or "heal/e3", error.Message);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);

        Heal();
        var versionsBefore = Enumerable.Range(0, 4).Select(i => server.Secrets.VersionCount($"heal/e{i}")).ToList();
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(i), default);
            Assert.Equal(i < 3 || (i == 3 && versionsBefore[3] > 0) ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore.Take(3), Enumerable.Range(0, 3).Select(i => server.Secrets.VersionCount($"heal/e{i}")));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = "kept-original-value";
            }

            Assert.Equal(expected, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(server.Secrets.CurrentString($"heal/e{i}")!));
            Assert.Equal(i == 0 ? 2 : 1, server.Secrets.VersionCount($"heal/e{i}"));
        }
    }

    [Fact]
    public async Task Connection_refused_is_a_store_exception_naming_the_endpoint()
    {
        var environment = Environment(server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = $"http://127.0.0.1:{ClosedPort()}/";
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

    private static EntryRequest Request(int i) => new($"heal/e{i}",
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
            case "server errors": server.Fail(new FakeFault(500, "InternalServiceError"), times: 2); break; // the read and its one retry
            case "throttling": server.Fail(new FakeFault(429, RetryAfter: TimeSpan.Zero), times: 2); break;
            case "slow answers": server.Delay = TimeSpan.FromSeconds(5); break;
            case "access denied": server.DenyAccess = true; break;
            default: server.Fail(new FakeFault(500, AfterApplying: true), times: 2); break; // applied, but the answer and the retry's are lost
        }
    }

    private void Heal()
    {
        server.Delay = TimeSpan.Zero;
        server.DenyAccess = false;
    }
}
