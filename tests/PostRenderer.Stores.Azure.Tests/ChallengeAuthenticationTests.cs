using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Key Vault's bearer challenge, and what the user is told when signing in or permission fails.</summary>
public sealed class ChallengeAuthenticationTests : KeyVaultTestbed
{
    [Fact]
    public async Task The_first_request_goes_without_a_token_and_the_token_is_asked_for_the_challenged_tenant_and_resource()
    {
        using var store = CreateStore();

        await store.ReadAsync("default-db", CancellationToken.None);
        await store.ReadAsync("default-other", CancellationToken.None);

        Assert.Equal(
            ["GET /secrets/default-db no-token", "GET /secrets/default-db token", "GET /secrets/default-other token"],
            Vault.Log);
        var request = Assert.Single(Credential.Requests.DistinctBy(r => (string.Join(' ', r.Scopes), r.TenantId)));
        Assert.Equal([FakeKeyVault.Resource + "/.default"], request.Scopes);
        Assert.Equal(FakeKeyVault.TenantId, request.TenantId);
    }

    [Fact]
    public async Task A_write_as_the_first_request_is_sent_again_with_its_body_after_the_challenge()
    {
        using var store = CreateStore();

        Assert.True(await store.TryWriteAsync("default-db", Properties(("username", "admin")), null, CancellationToken.None));

        Assert.Contains("PUT /secrets/default-db token", Vault.Log);
        Assert.Equal("""{"username":"admin"}""", Vault.Latest("default-db")!.Value);
    }

    [Fact]
    public async Task A_denied_identity_gets_a_message_naming_the_vault_the_credential_and_the_role_but_no_secret()
    {
        Vault.DenyAccess = true;
        using var store = CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("default-db", Properties(("password", "hunter2-value")), null, CancellationToken.None));

        Assert.Equal("default-db", error.Entry);
        Assert.Contains(VaultUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultAzureCredential", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Key Vault Secrets Officer'", error.Message, StringComparison.Ordinal);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForbiddenByRbac", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKeyVault.Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_vault_rejects_gives_a_401_message_without_the_token()
    {
        using var store = CreateStore(credential: new StaticTokenCredential("a-token-for-another-tenant"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultAzureCredential", error.Message, StringComparison.Ordinal);
        Assert.Contains(VaultUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains("tenant", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-token-for-another-tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_usable_credential_gives_a_message_saying_how_to_sign_in()
    {
        using var store = CreateStore(credential: new UnavailableCredential());

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.Equal("azure", error.Store);
        Assert.Contains("DefaultAzureCredential could not get a token", error.Message, StringComparison.Ordinal);
        Assert.Contains("az login", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_CLIENT_ID", error.Message, StringComparison.Ordinal);
    }
}
