using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Reading and writing entries: absent, create, versions, and the pre-write version check.</summary>
public sealed class AzureKeyVaultStoreTests : KeyVaultTestbed
{
    [Fact]
    public async Task Reading_an_absent_entry_returns_null()
    {
        using var store = CreateStore();

        Assert.Null(await store.ReadAsync("default-missing", CancellationToken.None));
    }

    [Fact]
    public async Task Creating_an_absent_entry_stores_one_json_object_with_the_json_content_type()
    {
        using var store = CreateStore();

        var written = await store.TryWriteAsync("default-db", Properties(("username", "admin"), ("password", "s3cret")), null, CancellationToken.None);

        Assert.True(written);
        var stored = Vault.Latest("default-db")!;
        Assert.Equal("application/json", stored.ContentType);
        var json = JsonNode.Parse(stored.Value)!.AsObject();
        Assert.Equal("admin", (string?)json["username"]);
        Assert.Equal("s3cret", (string?)json["password"]);
        Assert.Equal(2, json.Count);
    }

    [Fact]
    public async Task Reading_an_existing_entry_returns_its_properties_and_latest_version()
    {
        Vault.Seed("default-db", """{"username":"old"}""");
        var latest = Vault.Seed("default-db", """{"username":"admin","password":"pw"}""");
        using var store = CreateStore();

        var entry = await store.ReadAsync("default-db", CancellationToken.None);

        Assert.NotNull(entry);
        Assert.Equal(latest, entry.Version);
        Assert.Equal(Properties(("username", "admin"), ("password", "pw")), entry.Properties);
    }

    [Fact]
    public async Task Writing_with_the_current_version_adds_a_new_version()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        using var store = CreateStore();
        var current = await store.ReadAsync("default-db", CancellationToken.None);

        var written = await store.TryWriteAsync("default-db", Properties(("username", "admin"), ("password", "new")), current, CancellationToken.None);

        Assert.True(written);
        Assert.Equal(2, Vault.VersionCount("default-db"));
        var reread = await store.ReadAsync("default-db", CancellationToken.None);
        Assert.Equal("new", reread!.Properties["password"]);
        Assert.NotEqual(current!.Version, reread.Version);
    }

    [Fact]
    public async Task Writing_with_a_stale_version_returns_false_and_writes_nothing()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        using var store = CreateStore();
        var stale = await store.ReadAsync("default-db", CancellationToken.None);
        Vault.Seed("default-db", """{"username":"admin","token":"from-another-run"}""");

        var written = await store.TryWriteAsync("default-db", Properties(("username", "admin"), ("password", "pw")), stale, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(2, Vault.VersionCount("default-db"));
        Assert.Contains("from-another-run", Vault.Latest("default-db")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_entry_that_was_created_meanwhile_returns_false()
    {
        using var store = CreateStore();
        Assert.Null(await store.ReadAsync("default-db", CancellationToken.None));
        Vault.Seed("default-db", """{"username":"other"}""");

        var written = await store.TryWriteAsync("default-db", Properties(("username", "mine")), null, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(1, Vault.VersionCount("default-db"));
    }

    [Fact]
    public async Task Writing_an_entry_that_was_deleted_meanwhile_returns_false()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        using var store = CreateStore();
        var current = await store.ReadAsync("default-db", CancellationToken.None);
        Vault.SoftDelete("default-db");

        Assert.False(await store.TryWriteAsync("default-db", Properties(("username", "admin")), current, CancellationToken.None));
    }

    [Fact]
    public async Task Binary_values_stored_as_base64_round_trip_exactly()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var base64 = Convert.ToBase64String(bytes);
        using var store = CreateStore();

        Assert.True(await store.TryWriteAsync("default-tls", Properties(("tls.key", base64), ("note", "a \"quoted\" <value> \u00e9")), null, CancellationToken.None));
        var entry = await store.ReadAsync("default-tls", CancellationToken.None);

        Assert.Equal(bytes, Convert.FromBase64String(entry!.Properties["tls.key"]));
        Assert.Equal("a \"quoted\" <value> \u00e9", entry.Properties["note"]);
    }

    [Fact]
    public async Task Secret_names_are_case_insensitive_like_key_vault()
    {
        Vault.Seed("Default-DB", """{"username":"admin"}""");
        using var store = CreateStore();

        var entry = await store.ReadAsync("default-db", CancellationToken.None);

        Assert.Equal("admin", entry!.Properties["username"]);
    }

    [Fact]
    public async Task A_vault_url_that_is_not_under_vault_azure_net_works_because_challenge_verification_is_off_there()
    {
        using var store = CreateStore(vaultUrl: $"https://127.0.0.1:{Vault.Port}/");

        Assert.True(await store.TryWriteAsync("default-db", Properties(("username", "admin")), null, CancellationToken.None));
        Assert.Equal("admin", (await store.ReadAsync("default-db", CancellationToken.None))!.Properties["username"]);
    }

    [Fact]
    public void The_store_reports_compare_and_set_because_it_checks_each_write_after_the_fact()
    {
        using var store = CreateStore();

        Assert.True(store.HasCompareAndSet);
        Assert.Equal("azure", store.Name);
    }
}
