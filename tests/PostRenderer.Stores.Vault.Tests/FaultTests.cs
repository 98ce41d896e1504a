using System.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class FaultTests : AgainstVault
{
    [Fact]
    public async Task Throttling_with_retry_after_is_retried_and_then_succeeds()
    {
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1" });
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });
        Fake.FailNext(2, 429, retryAfter: "0");

        var read = await store.ReadAsync("app", default);

        Assert.Equal("1", read!.Properties["a"]);
        Assert.Equal(3, Fake.CountRequests("GET", "/v1/secret/data/app"));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_then_a_write_succeeds()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });
        Fake.FailNext(2, 503);

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));

        Assert.Equal(3, Fake.CountRequests("POST", "/v1/secret/data/app"));
        Assert.Equal("1", Fake.Secret.Current("app")!["a"]);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_name_the_entry_and_the_status()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 }, retries: 1);
        Fake.FailNext(5, 500);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Equal("app", error.Entry);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("injected fault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_a_store_exception_naming_the_timeout()
    {
        Fake.ResponseDelay = TimeSpan.FromSeconds(10);
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 }, timeout: TimeSpan.FromMilliseconds(200), retries: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("app", error.Entry);
        Assert.Contains("within 0.2s", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("vault entry 'app': no answer from", error.Message, StringComparison.Ordinal);
    }
}
