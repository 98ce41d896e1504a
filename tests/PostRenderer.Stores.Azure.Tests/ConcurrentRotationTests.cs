using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 18 item 6 for Azure: a rotation that lands between the tool's version check and its write must not be undone.
/// The write lists versions before and after setting; a version in neither list nor ours is folded in (for every key
/// this run did not add, its value wins) and the merge written again.
/// </summary>
public sealed class ConcurrentRotationTests : KeyVaultTestbed
{
    private const string Entry = "default-db";

    [Fact]
    public async Task A_password_rotated_between_check_and_write_is_kept_and_our_key_added()
    {
        using var store = CreateStore();
        Vault.Seed(Entry, """{"password":"old","user":"app"}""");
        var read = await store.ReadAsync(Entry, default);
        RotateOnce("""{"password":"rotated","user":"app"}""");

        Assert.True(await store.TryWriteAsync(Entry, Properties(("password", "old"), ("user", "app"), ("url", "postgres://db")), read, default));

        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Latest());
        Assert.Equal(4, Vault.VersionCount(Entry)); // the original, the rotation, ours, ours again on top of it
    }

    [Fact]
    public async Task A_key_this_run_replaces_stays_ours()
    {
        using var store = CreateStore();
        Vault.Seed(Entry, """{"password":"old"}""");
        var read = await store.ReadAsync(Entry, default);
        RotateOnce("""{"password":"rotated","extra":"theirs"}""");

        Assert.True(await store.TryWriteAsync(Entry, Properties(("password", "from-chart")), read, default));

        Assert.Equal(Properties(("extra", "theirs"), ("password", "from-chart")), Latest());
    }

    [Fact]
    public async Task The_populator_with_versions_spread_over_pages_keeps_a_rotation_and_adds_its_key()
    {
        using var store = CreateStore();
        Vault.VersionPageSize = 2;
        for (var i = 0; i < 4; i++)
        {
            Vault.Seed(Entry, $$"""{"password":"old{{i}}"}""");
        }

        RotateOnce("""{"password":"rotated"}""");

        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest(Entry, Properties(("password", "from-chart"), ("url", "postgres://db")), "document 1"), default);

        Assert.Equal(["url"], outcome.Added);
        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db")), Latest());
    }

    [Fact]
    public async Task A_write_with_no_other_writer_makes_one_version_and_needs_no_read_after()
    {
        using var store = CreateStore();
        Vault.Seed(Entry, """{"user":"app"}""");
        var read = await store.ReadAsync(Entry, default);

        Assert.True(await store.TryWriteAsync(Entry, Properties(("user", "app"), ("url", "postgres://db")), read, default));

        Assert.Equal(2, Vault.VersionCount(Entry));
        Assert.True(store.HasCompareAndSet);
    }

    private void RotateOnce(string value)
    {
        var rotated = 0;
        Vault.BeforeSet = name =>
        {
            if (Interlocked.Exchange(ref rotated, 1) == 0)
            {
                Vault.Seed(name, value);
            }
        };
    }

    private Dictionary<string, string> Latest() => JsonSerializer.Deserialize<Dictionary<string, string>>(Vault.Latest(Entry)!.Value)!;
}
