using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 6 for Azure: the shared heal-after-fault scenario (<see cref="HealAfterFault"/>), and the faults the other
/// Azure tests do not cover (connection refused, an untrusted TLS certificate).
/// </summary>
public sealed class HealAfterFaultTests : KeyVaultTestbed, IFaultableStore
{
    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "access denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault) =>
        HealAfterFault.RunAsync(this, fault);

    [Fact]
    public async Task Connection_refused_is_a_store_exception()
    {
        using var store = Create(FakeKeyVault.ToLoopbackPort(ClosedPort.Find()));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal-e0", CancellationToken.None));

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_store_exception_and_nothing_is_sent()
    {
        // The fake's certificate is self-signed; a handler with the default validation must refuse it.
        using var store = Create(FakeKeyVault.ToLoopbackPort(Vault.Port));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal-e0", Properties(("k", "tls-secret-value")), null, CancellationToken.None));

        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(Vault.Log);
    }

    private ISecretStore Create(HttpMessageHandler transport)
    {
        var settings = new Settings { Backend = Backend.Azure }.WithSection(Backend.Azure, new AzureSettings { VaultUrl = VaultUrl });
        var context = new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 0 }));
        return AzureKeyVaultStoreFactory.Create(context, Credential, "DefaultAzureCredential", transport);
    }

    string IFaultableStore.Entry(int index) => $"heal-e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Vault.Seed(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => CreateStore(settings);

    int IFaultableStore.VersionCount(string entry) => Vault.VersionCount(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Vault.Latest(entry) is { } latest ? JsonSerializer.Deserialize<Dictionary<string, string>>(latest.Value) : null;

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": Vault.FailNext(2, 503); break; // the read and its one retry
            case "throttling": Vault.FailNext(2, 429, retryAfterSeconds: 0); break;
            case "slow answers": Vault.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: Vault.DenyAccess = true; break;
        }
    }

    void IFaultableStore.Heal()
    {
        Vault.ResponseDelay = TimeSpan.Zero;
        Vault.DenyAccess = false;
    }
}
