using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Secrets that do not hold a JSON object of strings, and secrets in states that block population.</summary>
public sealed class EntryContentTests : KeyVaultTestbed
{
    [Fact]
    public async Task A_soft_deleted_secret_reads_as_absent_and_creating_it_says_to_recover_or_purge()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        Vault.SoftDelete("default-db");
        using var store = CreateStore();

        Assert.Null(await store.ReadAsync("default-db", CancellationToken.None));
        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("default-db", Properties(("username", "admin")), null, CancellationToken.None));

        Assert.Contains("deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("az keyvault secret recover", error.Message, StringComparison.Ordinal);
        Assert.Contains("az keyvault secret purge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_secret_says_so()
    {
        Vault.Seed("default-db", """{"username":"admin"}""");
        Vault.DisableLatest("default-db");
        using var store = CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("SecretDisabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default_db")]
    [InlineData("default.db")]
    [InlineData("ns/db")]
    [InlineData("")]
    public async Task An_entry_name_key_vault_cannot_hold_is_refused_before_any_request(string entry)
    {
        using var store = CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(entry, CancellationToken.None));
        await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync(entry, Properties(("k", "v")), null, CancellationToken.None));

        Assert.Contains("not a valid Key Vault secret name", error.Message, StringComparison.Ordinal);
        Assert.Empty(Vault.Log);
    }

    [Fact]
    public async Task An_entry_name_of_128_characters_is_refused_and_127_is_accepted()
    {
        using var store = CreateStore();

        await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(new string('a', 128), CancellationToken.None));
        Assert.Null(await store.ReadAsync(new string('a', 127), CancellationToken.None));
    }
}
