namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 item 6 for GCP: a rotation that lands between the tool's re-check and its addVersion must not be undone.
/// For every key this run did not add, the newest value in the store wins; the tool writes again with it.
/// </summary>
public sealed class ConcurrentRotationTests : AgainstGcp
{
    [Fact]
    public async Task A_password_rotated_between_the_recheck_and_the_write_is_kept_and_our_key_added()
    {
        var store = Harness.CreateStore();
        Fake.AddVersion("db", """{"password":"old","user":"app"}""");
        var read = await store.ReadAsync("db", default);
        var rotated = false;
        Fake.BeforeAddVersion = secret =>
        {
            if (!rotated)
            {
                rotated = true;
                Fake.AddVersion(secret, """{"password":"rotated","user":"app"}""");
            }
        };

        Assert.True(await store.TryWriteAsync("db", new Dictionary<string, string> { ["password"] = "old", ["user"] = "app", ["url"] = "postgres://db" }, read, default));

        var latest = Fake.LatestJson("db")!;
        Assert.Equal("rotated", latest["password"]!.GetValue<string>());
        Assert.Equal("postgres://db", latest["url"]!.GetValue<string>());
        Assert.Equal("app", latest["user"]!.GetValue<string>());
        Assert.Equal(4, Fake.VersionCount("db")); // ours, the rotation, ours on top of it
    }

    [Fact]
    public async Task A_key_replaced_with_overwrite_existing_stays_ours()
    {
        var store = Harness.CreateStore();
        Fake.AddVersion("db", """{"password":"old"}""");
        var read = await store.ReadAsync("db", default);
        var rotated = false;
        Fake.BeforeAddVersion = secret =>
        {
            if (!rotated)
            {
                rotated = true;
                Fake.AddVersion(secret, """{"password":"rotated","extra":"theirs"}""");
            }
        };

        Assert.True(await store.TryWriteAsync("db", new Dictionary<string, string> { ["password"] = "from-chart" }, read, default));

        var latest = Fake.LatestJson("db")!;
        Assert.Equal("from-chart", latest["password"]!.GetValue<string>());
        Assert.Equal("theirs", latest["extra"]!.GetValue<string>());
    }
}
