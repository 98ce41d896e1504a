using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 6 for Azure: the shared heal-after-fault scenario (<see cref="HealAfterFaultScenarios{TStore}"/>), and the
/// faults the other Azure tests do not cover (connection refused, an untrusted TLS certificate).
/// </summary>
public sealed class HealAfterFaultTests : HealAfterFaultScenarios<AzureUnderTest>
{
    private static readonly PopulationSettings NoRetries = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 0 };

    [Fact]
    public async Task Connection_refused_is_a_store_exception()
    {
        using var store = Target.CreateStore(NoRetries, transport: FakeKeyVault.ToLoopbackPort(ClosedPort.Find()));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal-e0", CancellationToken.None));

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_store_exception_and_nothing_is_sent()
    {
        // The fake's certificate is self-signed; a handler with the default validation must refuse it.
        using var store = Target.CreateStore(NoRetries, transport: FakeKeyVault.ToLoopbackPort(Target.Vault.Port));

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("heal-e0", KeyVaultTestbed.Properties(("k", "tls-secret-value")), null, CancellationToken.None));

        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(Target.Vault.Log);
    }
}
