using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 6 for AWS: the shared heal-after-fault scenario (<see cref="HealAfterFaultScenarios{TStore}"/>), with an
/// answer lost after the write was applied among its faults, and the faults the other AWS tests do not cover
/// (connection refused, a TLS failure).
/// </summary>
public sealed class HealAfterFaultTests : HealAfterFaultScenarios<AwsUnderTest>
{
    private static readonly PopulationSettings NoRetries = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 0 };

    private FakeAwsServer Server => Target.Server;

    [Fact]
    public async Task Connection_refused_is_a_store_exception_naming_the_endpoint()
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = $"http://127.0.0.1:{ClosedPort.Find()}/";
        using var store = Create(environment, populate: NoRetries);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("heal/e0", default));

        Assert.Contains("cannot reach http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_failure_is_a_store_exception_and_nothing_is_sent()
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = $"https://127.0.0.1:{Server.Endpoint.Port}/"; // the fake speaks plain HTTP
        using var store = Create(environment, populate: NoRetries);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("heal/e0", Properties(("k", "tls-secret-value")), null, default));

        Assert.Contains("cannot reach https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Operations);
    }
}
