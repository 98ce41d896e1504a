using System.Net;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Issues 6 and 18 for Alibaba: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>: heal after a
/// fault, answers that stall after their headers), throttling that heals, and faults that must end as a store failure
/// naming the entry and never a value.
/// </summary>
public sealed class FaultTests : FaultScenarios<AlibabaUnderTest>
{
    private FakeAlibabaKms Fake => Target.Fake;

    private AlibabaHarness Harness => Target.Harness;

    [Fact]
    public async Task Throttling_that_heals_within_the_retries_slows_the_run_down_instead_of_failing_it()
    {
        Fake.Throttle = true;
        using var store = Harness.CreateStore(retries: 4);
        _ = Task.Delay(300).ContinueWith(_ => Fake.Throttle = false, TaskScheduler.Default);

        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest("db", new Dictionary<string, string> { ["k"] = "v" }, "test"), default);

        Assert.True(outcome.Created);
        Assert.True(Fake.Calls("GetSecretValue") > 1);
    }

    [Fact]
    public async Task Permission_denied_names_the_action_and_the_permissions_to_grant_and_no_value()
    {
        Fake.DenyPermission = true;
        using var store = Harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("db", new Dictionary<string, string> { ["k"] = "denied-secret-value" }, null, default));

        Assert.Contains("kms:CreateSecret failed: Forbidden.RAM (HTTP 403)", error.Message, StringComparison.Ordinal);
        Assert.Contains("kms:PutSecretValue", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("denied-secret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_then_reported_with_the_attempts()
    {
        Fake.FailNext(10, HttpStatusCode.ServiceUnavailable);
        using var store = Harness.CreateStore(retries: 1);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.Contains("ServiceUnavailable (HTTP 503)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task Connection_refused_is_a_store_exception_naming_the_entry()
    {
        using var store = Harness.CreateStore(retries: 0, endpoint: $"http://127.0.0.1:{ClosedPort.Find()}/");

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.Equal("db", error.Entry);
        Assert.Contains("cannot reach http://127.0.0.1:", error.Message, StringComparison.Ordinal);
    }
}
