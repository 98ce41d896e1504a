using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 6 for GCP: the shared heal-after-fault scenario (<see cref="HealAfterFaultScenarios{TStore}"/>), and the
/// faults the other GCP tests do not cover (connection refused, a TLS failure).
/// </summary>
public sealed class HealAfterFaultTests : HealAfterFaultScenarios<GcpUnderTest>
{
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
        using var store = Create($"https://127.0.0.1:{Target.Fake.Endpoint.Port}/"); // the fake speaks plain HTTP

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal-e0", new Dictionary<string, string> { ["k"] = "tls-secret-value" }, null, default));

        Assert.Contains("cannot reach https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Target.Fake.SecretRequests);
    }

    private ISecretStore Create(string endpoint) => Target.Harness.CreateStore(TimeSpan.FromSeconds(5), retries: 0, endpoint: endpoint);
}
