using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Throttling, server errors and slowness go through the shared retry policy, once.</summary>
public sealed class FaultToleranceTests : KeyVaultTestbed
{
    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_delay_and_then_succeeds()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        using var store = CreateStore();
        await store.ReadAsync("default-other", CancellationToken.None); // the challenge round trip, out of the way
        Vault.FailNext(1, 429, retryAfterSeconds: 1);

        var clock = Stopwatch.StartNew();
        var entry = await store.ReadAsync("default-db", CancellationToken.None);

        Assert.Equal("admin", entry!.Properties["username"]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Server_errors_on_a_write_are_retried_with_the_body_intact()
    {
        using var store = CreateStore();
        await store.ReadAsync("default-other", CancellationToken.None);
        var before = Vault.Log.Count;
        Vault.FailNext(3, 500); // the version list before the write takes one, the write two

        Assert.True(await store.TryWriteAsync("default-db", Properties(("password", "pw")), null, CancellationToken.None));

        Assert.Equal("""{"password":"pw"}""", Vault.Latest("default-db")!.Value);
        Assert.Equal(6, Vault.Log.Count - before); // 2 lists before, 3 PUTs, 1 list after: the SDK added no retries of its own
    }

    [Fact]
    public async Task Errors_that_outlast_the_retries_give_a_store_exception_after_exactly_retries_plus_one_attempts()
    {
        using var store = CreateStore(new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 2 });
        await store.ReadAsync("default-other", CancellationToken.None);
        var before = Vault.Log.Count;
        Vault.FailNext(10, 503);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.Equal(3, Vault.Log.Count - before);
        Assert.Equal("default-db", error.Entry);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("after all retries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_gives_a_store_exception_naming_the_timeout()
    {
        using var store = CreateStore(new PopulationSettings { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });
        Vault.ResponseDelay = TimeSpan.FromSeconds(10);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("default-db", error.Entry);
        Assert.Contains("within 0.3s", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("azure entry 'default-db': no answer from", error.Message, StringComparison.Ordinal);
    }
}
