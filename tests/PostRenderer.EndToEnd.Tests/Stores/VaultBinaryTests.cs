namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary against the fake Vault (VAULT_ADDR): a token and an AppRole login (<c>authMethod: approle</c>
/// with VAULT_ROLE_ID and VAULT_SECRET_ID) over HTTP, and a Kubernetes login (<c>authMethod: kubernetes</c>, the
/// service-account token in <c>tokenFile</c>) over HTTPS with the fake's certificate in VAULT_CACERT.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class VaultBinaryTests
{
    [Fact]
    public async Task A_token_populates_kv_v2_once()
    {
        await using var vault = await FakeVault.StartAsync();
        using var roundTrip = new StoreRoundTrip("vault");
        roundTrip.Variables.Set("VAULT_ADDR", vault.Address.ToString()).Set("VAULT_TOKEN", FakeVault.RootToken);

        await AssertRoundTripAsync(vault, roundTrip);
    }

    [Fact]
    public async Task An_approle_login_populates_kv_v2_once()
    {
        await using var vault = await FakeVault.StartAsync();
        vault.AppRoles["e2e-role-id"] = "e2e-secret-id";
        using var roundTrip = new StoreRoundTrip("vault");
        roundTrip.Variables.Set("VAULT_ADDR", vault.Address.ToString())
            .Set("SECRET_POSTRENDERER_VAULT__AUTH_METHOD", "approle")
            .Set("VAULT_ROLE_ID", "e2e-role-id")
            .Set("VAULT_SECRET_ID", "e2e-secret-id");

        await AssertRoundTripAsync(vault, roundTrip);

        Assert.Equal(2, vault.Logins); // one per run
        Assert.DoesNotContain(vault.Requests, request => request.Token == FakeVault.RootToken);
    }

    [Fact]
    public async Task A_kubernetes_login_over_tls_populates_kv_v2_once()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var vault = await FakeVault.StartAsync(certificate);
        vault.KubernetesRoles["e2e-role"] = "eyJ.e2e-service-account.jwt";
        using var roundTrip = new StoreRoundTrip("vault");
        roundTrip.Variables.Set("VAULT_ADDR", vault.Address.ToString())
            .Set("VAULT_CACERT", roundTrip.WriteFile("vault-ca.pem", certificate.ExportCertificatePem()))
            .Set("SECRET_POSTRENDERER_VAULT__AUTH_METHOD", "kubernetes")
            .Set("SECRET_POSTRENDERER_VAULT__ROLE", "e2e-role")
            .Set("SECRET_POSTRENDERER_VAULT__TOKEN_FILE", roundTrip.WriteFile("service-account-token", "eyJ.e2e-service-account.jwt"));

        Assert.Equal("https", vault.Address.Scheme);
        await AssertRoundTripAsync(vault, roundTrip);

        Assert.Equal(2, vault.Logins);
    }

    private static Task AssertRoundTripAsync(FakeVault vault, StoreRoundTrip roundTrip) =>
        roundTrip.AssertCreatedThenPresentAsync(
            () => vault.Secret.Current(StoreRoundTrip.Entry)?.GetValueOrDefault(StoreRoundTrip.Key),
            () => vault.Secret.CurrentVersion(StoreRoundTrip.Entry));
}
