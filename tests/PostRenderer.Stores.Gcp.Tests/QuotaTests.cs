using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 item 9: quota 429s (RESOURCE_EXHAUSTED, no Retry-After) slow the run down instead of failing it, for up
/// to gcp.quotaWait in total, honouring google.rpc.RetryInfo when the error carries one.
/// </summary>
public sealed class QuotaTests : AgainstGcp
{
    [Fact]
    public async Task A_quota_that_heals_after_a_few_seconds_slows_the_write_down_instead_of_failing_it()
    {
        using var store = Store(TimeSpan.FromSeconds(20));
        Assert.Null(await store.ReadAsync("app", default)); // the token, out of the way
        Harness.Fake.QuotaExhaustedUntil = DateTimeOffset.UtcNow.AddSeconds(4);
        var clock = Stopwatch.StartNew();

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3.5), $"took {clock.Elapsed}");
        Assert.Equal("v", Harness.Fake.LatestJson("app")!["k"]!.GetValue<string>());
        Assert.True(Harness.Fake.QuotaRejections > 2, $"{Harness.Fake.QuotaRejections} rejections");
    }

    [Fact]
    public async Task The_delay_of_a_retry_info_is_honoured()
    {
        using var store = Store(TimeSpan.FromSeconds(20));
        Assert.Null(await store.ReadAsync("app", default));
        Harness.Fake.QuotaRetryDelay = "3s";
        Harness.Fake.QuotaExhaustedUntil = DateTimeOffset.UtcNow.AddSeconds(2.5);
        var clock = Stopwatch.StartNew();

        Assert.Null(await store.ReadAsync("app", default));

        // One round of the shared policy's quick retries (2 tries here), then the 3 s RetryInfo asked for, then success.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(6));
        Assert.Equal(2, Harness.Fake.QuotaRejections);
    }

    [Fact]
    public async Task A_quota_that_stays_exhausted_fails_after_quota_wait_naming_the_setting()
    {
        using var store = Store(TimeSpan.FromSeconds(3));
        Assert.Null(await store.ReadAsync("app", default));
        Harness.Fake.QuotaExhaustedUntil = DateTimeOffset.MaxValue;
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
        Assert.Contains("RESOURCE_EXHAUSTED", error.Message, StringComparison.Ordinal);
        Assert.Contains("gcp.quotaWait", error.Message, StringComparison.Ordinal);
        Assert.Equal("app", error.Entry);
    }

    private ISecretStore Store(TimeSpan quotaWait)
    {
        var settings = new GcpSettings { ProjectId = FakeSecretManager.Project, Endpoint = Harness.Fake.Endpoint.ToString(), QuotaWait = quotaWait };
        var context = GcpStoreHarness.Context(settings, new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = Harness.Key.Path }, retries: 1);
        return new GcpStoreFactory().Create(context);
    }
}
