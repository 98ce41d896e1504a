using PostRenderer.Core.Configuration;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class KvV2StoreTests : AgainstVault
{
    [Fact]
    public async Task Vault_addr_and_token_alone_populate_the_kv_v2_mount_named_secret()
    {
        using var store = VaultStores.Create(Fake);

        Assert.Null(await store.ReadAsync("team/app", default));
        Assert.True(await store.TryWriteAsync("team/app", new Dictionary<string, string> { ["user"] = "admin", ["password"] = "pw1" }, null, default));

        Assert.True(store.HasCompareAndSet);
        Assert.Equal("vault", store.Name);
        Assert.Equal(new Dictionary<string, string> { ["user"] = "admin", ["password"] = "pw1" }, Fake.Secret.Current("team/app"));
        Assert.Equal(1, Fake.Secret.CurrentVersion("team/app"));
        Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Path == "/v1/secret/data/team/app");
    }

    [Fact]
    public async Task Reads_an_existing_entry_with_its_version()
    {
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1" });
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        using var store = VaultStores.Create(Fake);

        var entry = await store.ReadAsync("app", default);

        Assert.NotNull(entry);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, entry.Properties);
        Assert.Equal("2", entry.Version);
    }

    [Fact]
    public async Task A_write_with_the_current_version_succeeds_and_bumps_it()
    {
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1" });
        using var store = VaultStores.Create(Fake);
        var read = await store.ReadAsync("app", default);

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, read, default));

        var again = await store.ReadAsync("app", default);
        Assert.Equal("2", again!.Version);
        Assert.Equal("2", again.Properties["b"]);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_returns_false_and_changes_nothing()
    {
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1" });
        using var store = VaultStores.Create(Fake);
        var stale = await store.ReadAsync("app", default);
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["a"] = "1", ["other"] = "x" });

        Assert.False(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, stale, default));

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["other"] = "x" }, Fake.Secret.Current("app"));
    }

    [Fact]
    public async Task Creating_an_entry_that_someone_else_created_meanwhile_returns_false()
    {
        using var store = VaultStores.Create(Fake);
        Assert.Null(await store.ReadAsync("app", default));
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["theirs"] = "1" });

        Assert.False(await store.TryWriteAsync("app", new Dictionary<string, string> { ["mine"] = "2" }, null, default));
        Assert.Equal(new Dictionary<string, string> { ["theirs"] = "1" }, Fake.Secret.Current("app"));
    }

    [Fact]
    public async Task A_soft_deleted_latest_version_reads_as_absent_and_is_recreated_with_its_version_as_cas()
    {
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["old"] = "1" });
        Fake.Secret.Seed("app", new Dictionary<string, string> { ["old"] = "2" });
        Fake.Secret.DeleteLatest("app");
        using var store = VaultStores.Create(Fake);

        Assert.Null(await store.ReadAsync("app", default));
        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["new"] = "3" }, null, default));

        Assert.Equal(3, Fake.Secret.CurrentVersion("app"));
        Assert.Equal(new Dictionary<string, string> { ["new"] = "3" }, Fake.Secret.Current("app"));
    }

    [Fact]
    public async Task Binary_values_as_base64_round_trip_unchanged()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var properties = new Dictionary<string, string> { ["keystore.p12"] = Convert.ToBase64String(bytes), ["tls.crt"] = "line1\nline2\u00e9\"{}" };
        using var store = VaultStores.Create(Fake);

        Assert.True(await store.TryWriteAsync("bin", properties, null, default));
        var read = await store.ReadAsync("bin", default);

        Assert.Equal(properties, read!.Properties);
        Assert.Equal(bytes, Convert.FromBase64String(read.Properties["keystore.p12"]));
    }

    [Fact]
    public async Task Entry_paths_are_escaped_segment_by_segment()
    {
        using var store = VaultStores.Create(Fake);

        Assert.True(await store.TryWriteAsync("ns/my app#1", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Path == "/v1/secret/data/ns/my app#1");
        Assert.Equal("v", (await store.ReadAsync("ns/my app#1", default))!.Properties["k"]);
    }

    [Fact]
    public async Task A_configured_kv_version_skips_detection_and_reports_compare_and_set_at_once()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });

        Assert.True(store.HasCompareAndSet);
        await store.ReadAsync("app", default);
        Assert.Equal(0, Fake.CountRequests("GET", "/v1/sys/internal/ui/mounts/"));
    }

    [Fact]
    public async Task A_mount_that_does_not_exist_is_a_clear_error()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "nope", KvVersion = 2 });

        var error = await Assert.ThrowsAsync<Core.Errors.StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("no secrets engine is mounted at 'nope/'", error.Message, StringComparison.Ordinal);
        Assert.Contains("vault.mount", error.Message, StringComparison.Ordinal);
    }
}
