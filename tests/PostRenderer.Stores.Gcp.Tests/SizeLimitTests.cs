using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 item 12: a payload over 65,536 bytes is refused before any write. Secret Manager would create the secret
/// and then refuse its first version, leaving an empty secret behind; the fake answers that way too.
/// </summary>
public sealed class SizeLimitTests : AgainstGcp
{
    [Fact]
    public async Task An_entry_over_the_limit_is_refused_and_no_empty_secret_is_left_behind()
    {
        var store = Harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("big", new Dictionary<string, string> { ["k"] = new string('a', 65_529) }, null, default));

        Assert.Equal("big", error.Entry);
        Assert.Contains("65,537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 65,536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Null(Harness.Fake.Replication("big"));
        Assert.Equal(0, Harness.Fake.SecretRequests);
    }

    [Fact]
    public async Task An_entry_exactly_at_the_limit_is_written()
    {
        var store = Harness.CreateStore();

        Assert.True(await store.TryWriteAsync("full", new Dictionary<string, string> { ["k"] = new string('a', 65_528) }, null, default));

        Assert.Equal(1, Harness.Fake.VersionCount("full"));
    }
}
