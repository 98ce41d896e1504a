using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class KvVersionTests : AgainstVault
{
    [Fact]
    public async Task A_v1_mount_is_detected_and_used_through_v1_paths()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1" });

        Assert.Null(await store.ReadAsync("app", default));
        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));
        var read = await store.ReadAsync("app", default);

        Assert.Equal("1", read!.Properties["a"]);
        Assert.Null(read.Version);
        Assert.False(store.HasCompareAndSet);
        Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Path == "/v1/kv1/app");
        Assert.DoesNotContain(Fake.Requests, r => r.Path.Contains("/data/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_v1_a_stale_write_overwrites_as_documented_because_kv_v1_has_no_check_and_set()
    {
        Fake.Mounts["kv1"].Seed("app", new Dictionary<string, string> { ["a"] = "1" });
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1", KvVersion = 1 });
        var stale = await store.ReadAsync("app", default);
        Fake.Mounts["kv1"].Seed("app", new Dictionary<string, string> { ["a"] = "1", ["theirs"] = "x" });

        Assert.False(store.HasCompareAndSet);
        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1", ["mine"] = "y" }, stale, default));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["mine"] = "y" }, Fake.Mounts["kv1"].Current("app"));
    }

    [Fact]
    public async Task Compare_and_set_is_reported_false_until_the_version_is_known()
    {
        using var store = VaultStores.Create(Fake);

        Assert.False(store.HasCompareAndSet);
        await store.ReadAsync("app", default);
        Assert.True(store.HasCompareAndSet);
    }

    [Fact]
    public async Task When_the_mounts_endpoint_is_not_permitted_v2_is_confirmed_by_its_config()
    {
        Fake.MountInfoStatus = 403;
        using var store = VaultStores.Create(Fake);

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));

        Assert.True(store.HasCompareAndSet);
        Assert.Equal("1", Fake.Secret.Current("app")!["a"]);
        Assert.Equal(1, Fake.CountRequests("GET", "/v1/secret/config"));
    }

    [Fact]
    public async Task When_the_mounts_endpoint_is_not_permitted_a_v1_mount_is_never_written_a_v2_body()
    {
        Fake.MountInfoStatus = 403;
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1" });
        var populator = new Populator(store, new PopulationSettings());

        var outcome = await populator.PopulateAsync(new EntryRequest("app", new Dictionary<string, string> { ["a"] = "1" }, "test"), default);

        Assert.True(outcome.Created);
        Assert.False(store.HasCompareAndSet);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, Fake.Mounts["kv1"].Current("app"));
        Assert.Null(Fake.Mounts["kv1"].Current("data/app"));
        Assert.DoesNotContain(Fake.Requests, r => r.Path.StartsWith("/v1/kv1/data/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_v1_secret_that_happens_to_be_named_config_is_not_taken_for_v2_settings()
    {
        Fake.MountInfoStatus = 403;
        Fake.Mounts["kv1"].Seed("config", new Dictionary<string, string> { ["log_level"] = "debug" });
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1" });

        Assert.Null(await store.ReadAsync("app", default));

        Assert.False(store.HasCompareAndSet);
        Assert.Contains(Fake.Requests, r => r.Method == "GET" && r.Path == "/v1/kv1/app");
    }

    [Fact]
    public async Task When_neither_the_mounts_endpoint_nor_the_config_is_permitted_the_user_is_asked_for_the_version()
    {
        Fake.MountInfoStatus = 403;
        Fake.DeniedPaths.Enqueue("kv1/config");
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1" });

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));

        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.Contains("vault.kvVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("'kv1/'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_configured_version_is_not_asked_for_even_when_the_token_may_not_ask()
    {
        Fake.MountInfoStatus = 403;
        Fake.DeniedPaths.Enqueue("kv1/config");
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1", KvVersion = 1 });

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));

        Assert.Equal("1", Fake.Mounts["kv1"].Current("app")!["a"]);
    }

    [Fact]
    public async Task Vault_without_the_mounts_endpoint_means_v1()
    {
        Fake.MountInfoStatus = 404;
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = "kv1" });

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["a"] = "1" }, null, default));

        Assert.Equal("1", Fake.Mounts["kv1"].Current("app")!["a"]);
    }

    [Fact]
    public async Task The_version_is_asked_once_per_store_even_under_concurrent_use()
    {
        using var store = VaultStores.Create(Fake);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.ReadAsync($"app{i}", default)));
        await store.ReadAsync("again", default);

        Assert.Equal(1, Fake.CountRequests("GET", "/v1/sys/internal/ui/mounts/secret"));
    }
}
