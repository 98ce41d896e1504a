using System.Net;
using System.Net.Sockets;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 6: faults the other Azure tests do not cover (connection refused, an untrusted TLS certificate), and a
/// population that a fault stops half-way is completed by a re-run once the fault heals, with nothing lost and
/// nothing duplicated: the product's <see cref="Populator"/> fills six entries; after three the fault starts and the
/// fourth fails with a <see cref="StoreException"/> naming it (and no value); the re-run writes only what is missing,
/// never replaces the value that was in the store before, and adds no version to the entries already complete.
/// </summary>
public sealed class HealAfterFaultTests : KeyVaultTestbed
{
    private const int Entries = 6;
    private static readonly PopulationSettings Settings = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    // Healthy phases get a generous timeout, so that a slow first request on a loaded machine (token, JIT,
    // server warm-up) is not retried into an extra version; only the fault phase uses the short one.
    private static readonly PopulationSettings Healthy = new() { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "access denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault)
    {
        Vault.Seed("heal-e0", """{"k1":"kept-original-value"}""");
        var store = CreateStore(Healthy);
        var populator = new Populator(store, Healthy);
        var impatient = new Populator(CreateStore(Settings), Settings);
        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(i), default);
        }

        Inject(fault);
        var error = await Assert.ThrowsAsync<StoreException>(() => impatient.PopulateAsync(Request(3), default));
        Assert.Equal("heal-e3", error.Entry);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);

        Heal();
        var versionsBefore = Enumerable.Range(0, 3).Select(i => Vault.VersionCount($"heal-e{i}")).ToList();
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(i), default);
            Assert.Equal(i < 3 ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore, Enumerable.Range(0, 3).Select(i => Vault.VersionCount($"heal-e{i}")));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = "kept-original-value";
            }

            Assert.Equal(expected, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Vault.Latest($"heal-e{i}")!.Value));
            Assert.Equal(i == 0 ? 2 : 1, Vault.VersionCount($"heal-e{i}"));
        }
    }

    [Fact]
    public async Task Connection_refused_is_a_store_exception()
    {
        var port = ClosedPort();
        var refused = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var store = Create(refused);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal-e0", CancellationToken.None));

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_store_exception_and_nothing_is_sent()
    {
        // The fake's certificate is self-signed; a handler with the default validation must refuse it.
        var port = Vault.Port;
        var untrusting = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var store = Create(untrusting);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal-e0", Properties(("k", "tls-secret-value")), null, CancellationToken.None));

        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(Vault.Log);
    }

    private ISecretStore Create(HttpMessageHandler transport)
    {
        var settings = new Settings { Backend = Backend.Azure, Azure = new AzureSettings { VaultUrl = VaultUrl } };
        var context = new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 0 }));
        return AzureKeyVaultStoreFactory.Create(context, Credential, "DefaultAzureCredential", transport);
    }

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
            case "server errors": Vault.FailNext(2, 503); break; // the read and its one retry
            case "throttling": Vault.FailNext(2, 429, retryAfterSeconds: 0); break;
            case "slow answers": Vault.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: Vault.DenyAccess = true; break;
        }
    }

    private void Heal()
    {
        Vault.ResponseDelay = TimeSpan.Zero;
        Vault.DenyAccess = false;
    }
}
