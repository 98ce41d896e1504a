using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 23 item 1: every kind of Application Default Credentials file, read by our own code (no Google.Apis.Auth, so
/// that the native binary runs it), gets a token the fake's endpoints accept: gcloud's login (refresh token, with its
/// quota project), and workload identity federation (a subject token from a file or a URL, exchanged at the Security
/// Token Service, optionally for an impersonated service account's token).
/// </summary>
public sealed class CredentialTypeTests : AgainstGcp, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gcp-adc-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Gcloud_login_refreshes_its_token_and_bills_its_quota_project()
    {
        var file = Write("user.json", new JsonObject
        {
            ["type"] = "authorized_user",
            ["client_id"] = FakeSecretManager.UserClientId,
            ["client_secret"] = FakeSecretManager.UserClientSecret,
            ["refresh_token"] = FakeSecretManager.UserRefreshToken,
            ["quota_project_id"] = "billing-project",
            ["token_uri"] = Harness.Fake.TokenUri.ToString(),
        });

        await AssertRoundTripAsync(file);

        Assert.Equal(1, Harness.Fake.TokenRequests);
        Assert.Equal("billing-project", Harness.Fake.LastUserProject);
    }

    [Fact]
    public async Task A_file_sourced_external_account_exchanges_its_subject_token()
    {
        var subject = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(subject, FakeSecretManager.SubjectToken + "\n");
        var file = Write("federated.json", ExternalAccount(new JsonObject { ["file"] = subject }, impersonate: false));

        await AssertRoundTripAsync(file);

        Assert.Equal(1, Harness.Fake.TokenRequests);
        Assert.Equal(0, Harness.Fake.Impersonations);
    }

    [Fact]
    public async Task A_url_sourced_json_external_account_impersonates_a_service_account()
    {
        await using var provider = await LoopbackServer.StartAsync(async context =>
        {
            var allowed = context.Request.Headers["Metadata"] == "True";
            context.Response.StatusCode = allowed ? 200 : 400;
            await context.Response.WriteAsync(new JsonObject { ["access_token"] = FakeSecretManager.SubjectToken }.ToJsonString());
        });
        var source = new JsonObject
        {
            ["url"] = new Uri(provider.Address, "metadata/identity/oauth2/token").ToString(),
            ["headers"] = new JsonObject { ["Metadata"] = "True" },
            ["format"] = new JsonObject { ["type"] = "json", ["subject_token_field_name"] = "access_token" },
        };
        var file = Write("federated.json", ExternalAccount(source, impersonate: true));

        await AssertRoundTripAsync(file);

        Assert.Equal(1, Harness.Fake.Impersonations);
    }

    [Fact]
    public async Task A_refused_subject_token_is_a_store_error_naming_the_endpoint_answer()
    {
        var subject = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(subject, "not-the-token");
        var file = Write("federated.json", ExternalAccount(new JsonObject { ["file"] = subject }, impersonate: false));
        using var store = Store(file);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("executable", "executable-sourced credentials are not supported")]
    [InlineData("environment_id", "AWS-sourced credentials (environment_id) are not supported")]
    public void Unsupported_external_sources_are_refused_at_once_with_a_configuration_error(string kind, string expected)
    {
        var source = kind == "executable"
            ? new JsonObject { ["executable"] = new JsonObject { ["command"] = "/bin/token" } }
            : new JsonObject { ["environment_id"] = "aws1", ["regional_cred_verification_url"] = "https://sts.amazonaws.com" };
        var file = Write("federated.json", ExternalAccount(source, impersonate: false));

        var error = Assert.Throws<ConfigurationException>(() => Store(file));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }

    [Fact]
    public void An_unknown_credential_type_is_refused_naming_the_supported_ones()
    {
        var file = Write("odd.json", new JsonObject { ["type"] = "impersonated_service_account" });

        var error = Assert.Throws<ConfigurationException>(() => Store(file));

        Assert.Contains("impersonated_service_account", error.Message, StringComparison.Ordinal);
        Assert.Contains("service_account, authorized_user and external_account", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("not a pem at all")]
    public void A_service_account_key_that_is_not_an_RSA_key_is_a_configuration_error_that_quotes_none_of_it(string privateKey)
    {
        var file = Write("broken.json", new JsonObject { ["type"] = "service_account", ["client_email"] = "a@b", ["private_key"] = privateKey });

        var error = Assert.Throws<ConfigurationException>(() => Store(file));

        Assert.Contains("private_key is not a PEM RSA private key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_account_assertion_is_an_RS256_JWT_for_the_token_uri_that_the_key_verifies()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Harness.Key.Path));
        var credential = GcpServiceAccountCredential.FromJson(document.RootElement);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        var parts = credential.Assertion(now).Split('.');

        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("0123456789abcdef", header["kid"]!.GetValue<string>());
        Assert.Equal(ServiceAccountKeyFile.ClientEmail, claims["iss"]!.GetValue<string>());
        Assert.Equal(Harness.Fake.TokenUri.ToString(), claims["aud"]!.GetValue<string>());
        Assert.Equal(1_700_000_000, claims["iat"]!.GetValue<long>());
        Assert.Equal(1_700_003_600, claims["exp"]!.GetValue<long>());
        Assert.True(Harness.Key.Key.VerifyData(
            System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]),
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    private JsonObject ExternalAccount(JsonObject source, bool impersonate)
    {
        var account = new JsonObject
        {
            ["type"] = "external_account",
            ["audience"] = FakeSecretManager.WorkloadAudience,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["token_url"] = Harness.Fake.StsUri.ToString(),
            ["credential_source"] = source,
        };
        if (impersonate)
        {
            account["service_account_impersonation_url"] = Harness.Fake.ImpersonationUri(ServiceAccountKeyFile.ClientEmail).ToString();
        }

        return account;
    }

    private async Task AssertRoundTripAsync(string file)
    {
        using var store = Store(file);
        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));
        Assert.Equal("v", (await store.ReadAsync("app", default))!.Properties["k"]);
    }

    private ISecretStore Store(string file) => new GcpStoreFactory().Create(GcpStoreHarness.Context(
        new GcpSettings { ProjectId = FakeSecretManager.Project, Endpoint = Harness.Fake.Endpoint.ToString() },
        new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = file }));

    private string Write(string name, JsonObject content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content.ToJsonString());
        return path;
    }
}
