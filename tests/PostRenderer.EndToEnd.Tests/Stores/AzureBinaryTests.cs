using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary against the fake Key Vault over HTTPS (<c>azure.vaultUrl</c>), its self-signed certificate
/// trusted through SSL_CERT_FILE as a private CA would be: a managed identity (App Service's IDENTITY_ENDPOINT and
/// IDENTITY_HEADER), a client secret (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET) and workload identity
/// (AZURE_FEDERATED_TOKEN_FILE, a client assertion) signed in at AZURE_AUTHORITY_HOST, a fake Entra ID endpoint.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class AzureBinaryTests
{
    private const string ClientId = "00000000-0000-0000-0000-00000000e2e0";
    private const string ClientSecret = "e2e-client-secret-never-printed";
    private const string IdentityHeader = "e2e-identity-header";
    private const string FederatedToken = "eyJ.e2e-federated-service-account.token";

    [Fact]
    public async Task A_managed_identity_endpoint_populates_once()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var tokenRequests = 0;
        await using var identity = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref tokenRequests);
            var allowed = context.Request.Headers["X-IDENTITY-HEADER"] == IdentityHeader && context.Request.Query["resource"].ToString().StartsWith(FakeKeyVault.Resource, StringComparison.Ordinal);
            context.Response.StatusCode = allowed ? 200 : 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["access_token"] = FakeKeyVault.Token,
                ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = FakeKeyVault.Resource,
                ["token_type"] = "Bearer",
                ["client_id"] = ClientId,
            }.ToJsonString());
        });
        using var roundTrip = Azure(vault);
        roundTrip.Variables.Set("IDENTITY_ENDPOINT", new Uri(identity.Address, "msi/token").ToString()).Set("IDENTITY_HEADER", IdentityHeader);

        await AssertRoundTripAsync(vault, roundTrip);

        Assert.True(tokenRequests >= 2, "each run asks the managed identity endpoint for a token");
    }

    [Fact]
    public Task A_client_secret_signed_in_at_the_authority_host_populates_once() =>
        AssertSignedInAtTheAuthorityHostAsync(roundTrip => roundTrip.Variables.Set("AZURE_CLIENT_SECRET", ClientSecret));

    [Fact]
    public Task Workload_identity_signs_in_with_the_federated_token_and_populates_once() =>
        AssertSignedInAtTheAuthorityHostAsync(roundTrip => roundTrip.Variables.Set("AZURE_FEDERATED_TOKEN_FILE", roundTrip.WriteFile("azure-identity-token", FederatedToken)));

    /// <summary>A round trip whose credential (set by <paramref name="credential"/>) signs in at the fake Entra ID.</summary>
    private static async Task AssertSignedInAtTheAuthorityHostAsync(Action<StoreRoundTrip> credential)
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var tokenRequests = 0;
        await using var entra = await LoopbackServer.StartAsync(context => AnswerEntraAsync(context, () => Interlocked.Increment(ref tokenRequests)), vault.Certificate);
        using var roundTrip = Azure(vault);
        roundTrip.Variables.Set("AZURE_AUTHORITY_HOST", entra.Address.ToString())
            .Set("AZURE_TENANT_ID", FakeKeyVault.TenantId)
            .Set("AZURE_CLIENT_ID", ClientId);
        credential(roundTrip);

        await AssertRoundTripAsync(vault, roundTrip);

        Assert.True(tokenRequests >= 2, "each run signs in");
    }

    private static StoreRoundTrip Azure(FakeKeyVault vault)
    {
        var roundTrip = new StoreRoundTrip("azure");
        roundTrip.Variables.Set("SECRET_POSTRENDERER_AZURE__VAULT_URL", $"https://127.0.0.1:{vault.Port}/")
            .Set("SSL_CERT_FILE", roundTrip.WriteFile("test-ca.pem", vault.Certificate.ExportCertificatePem()));
        return roundTrip;
    }

    /// <summary>
    /// The least of Entra ID that MSAL's client-credentials flow asks: instance discovery, the tenant's OpenID
    /// configuration and the token endpoint, which takes the client secret or the federated token as assertion.
    /// </summary>
    private static async Task AnswerEntraAsync(HttpContext context, Action onToken)
    {
        var host = $"https://{context.Request.Host}";
        var path = context.Request.Path.Value ?? "";
        context.Response.ContentType = "application/json";
        JsonObject answer;
        if (path.EndsWith("/discovery/instance", StringComparison.Ordinal))
        {
            answer = new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"{host}/{FakeKeyVault.TenantId}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = context.Request.Host.ToString(),
                    ["preferred_cache"] = context.Request.Host.ToString(),
                    ["aliases"] = new JsonArray(context.Request.Host.ToString()),
                }),
            };
        }
        else if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            answer = new JsonObject
            {
                ["token_endpoint"] = $"{host}/{FakeKeyVault.TenantId}/oauth2/v2.0/token",
                ["authorization_endpoint"] = $"{host}/{FakeKeyVault.TenantId}/oauth2/v2.0/authorize",
                ["issuer"] = $"{host}/{FakeKeyVault.TenantId}/v2.0",
            };
        }
        else if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && context.Request.HasFormContentType)
        {
            onToken();
            var form = await context.Request.ReadFormAsync();
            var secretOk = form["client_secret"] == ClientSecret;
            var assertionOk = form["client_assertion"] == FederatedToken && form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            if (form["client_id"] != ClientId || !(secretOk || assertionOk))
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""");
                return;
            }

            answer = new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = FakeKeyVault.Token };
        }
        else
        {
            context.Response.StatusCode = 404;
            answer = new JsonObject { ["error"] = "not_found", ["error_description"] = "the fake Entra ID has no " + path };
        }

        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private static Task AssertRoundTripAsync(FakeKeyVault vault, StoreRoundTrip roundTrip) =>
        roundTrip.AssertCreatedThenPresentAsync(
            () => vault.Latest(StoreRoundTrip.Entry) is { } latest ? JsonNode.Parse(latest.Value)?[StoreRoundTrip.Key]?.GetValue<string>() : null,
            () => vault.VersionCount(StoreRoundTrip.Entry));
}
