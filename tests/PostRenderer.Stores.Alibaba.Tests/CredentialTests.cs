using System.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Each source of the credential chain against the fake, which verifies every signature with the secret it knows:
/// the environment's AccessKey (with and without a security token), the credentials file, and RRSA through STS.
/// </summary>
public sealed class CredentialTests : AgainstAlibaba, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("alibaba-home-").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public async Task The_environment_access_key_signs_requests_the_service_accepts()
    {
        Fake.Seed("db", """{"k":"v"}""");

        var entry = await Harness.CreateStore().ReadAsync("db", default);

        Assert.Equal("v", entry!.Properties["k"]);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_signature_check_and_never_printed()
    {
        var environment = AlibabaHarness.AccessKeyEnvironment();
        environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "a-wrong-secret-value";

        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(environment: environment).ReadAsync("db", default));

        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-secret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_credentials_in_the_environment_send_their_security_token()
    {
        Fake.AddAccessKey("STS.fromEnv", "sts-env-secret", "sts-env-token");
        var environment = new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "STS.fromEnv",
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "sts-env-secret",
            ["ALIBABA_CLOUD_SECURITY_TOKEN"] = "sts-env-token",
        };

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));

        environment["ALIBABA_CLOUD_SECURITY_TOKEN"] = "another-token";
        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(environment: environment).ReadAsync("absent", default));
        Assert.Contains("InvalidSecurityToken.MismatchWithAccessKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_profile_of_the_credentials_file_in_home_is_used()
    {
        WriteCredentialsFile(Path.Combine(home, ".alibabacloud", "credentials"), $"""
            # written by aliyun configure
            [default]
            enable = true
            type = access_key
            access_key_id = {AlibabaHarness.AccessKeyId}
            access_key_secret = {AlibabaHarness.AccessKeySecret}
            """);

        Assert.Null(await Harness.CreateStore(environment: new Dictionary<string, string> { ["HOME"] = home }).ReadAsync("absent", default));
    }

    [Fact]
    public async Task ALIBABA_CLOUD_PROFILE_picks_another_profile_of_the_file_named_by_ALIBABA_CLOUD_CREDENTIALS_FILE()
    {
        var path = Path.Combine(home, "custom-credentials");
        WriteCredentialsFile(path, $"""
            [default]
            type = access_key
            access_key_id = unknown-key
            access_key_secret = unknown

            [ci]
            type = access_key
            access_key_id = {AlibabaHarness.AccessKeyId}
            access_key_secret = {AlibabaHarness.AccessKeySecret}
            """);
        var environment = new Dictionary<string, string> { ["ALIBABA_CLOUD_CREDENTIALS_FILE"] = path, ["ALIBABA_CLOUD_PROFILE"] = "ci" };

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));

        environment.Remove("ALIBABA_CLOUD_PROFILE");
        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(environment: environment).ReadAsync("absent", default));
        Assert.Contains("InvalidAccessKeyId.NotFound", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile [default]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_type_this_tool_does_not_run_is_a_configuration_error_saying_what_to_use()
    {
        var path = Path.Combine(home, "credentials");
        WriteCredentialsFile(path, "[default]\ntype = rsa_key_pair\npublic_key_id = id\nprivate_key_file = /key.pem\n");

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: new Dictionary<string, string> { ["ALIBABA_CLOUD_CREDENTIALS_FILE"] = path }));

        Assert.Contains("type rsa_key_pair", error.Message, StringComparison.Ordinal);
        Assert.Contains("RRSA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rrsa_exchanges_the_oidc_token_for_temporary_credentials_once_and_signs_with_them()
    {
        Fake.Seed("db", """{"k":"v"}""");
        var store = Harness.CreateStore(environment: RrsaEnvironment(Fake.OidcToken));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("v", (await store.ReadAsync("db", default))!.Properties["k"]);
        }

        Assert.Equal(1, Fake.StsCalls);
        Assert.Equal(3, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task Rrsa_with_a_token_sts_refuses_names_the_role_and_the_code_but_not_the_token()
    {
        var store = Harness.CreateStore(environment: RrsaEnvironment("a-stale-oidc-token"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.Equal("db", error.Entry);
        Assert.Contains("AuthenticationFail.OIDCToken.Invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeAlibabaKms.RoleArn, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-stale-oidc-token", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task Rrsa_against_an_sts_that_never_answers_times_out_within_the_attempts()
    {
        using var silent = new SilentServer();
        var settings = Harness.Settings() with { StsEndpoint = silent.Address.ToString() };
        using var store = new AlibabaStoreFactory().Create(AlibabaHarness.Context(settings, RrsaEnvironment(Fake.OidcToken), TimeSpan.FromMilliseconds(400), retries: 1));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Contains("RRSA", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public void Rrsa_with_a_variable_missing_names_it()
    {
        var environment = RrsaEnvironment(Fake.OidcToken);
        environment.Remove("ALIBABA_CLOUD_OIDC_PROVIDER_ARN");

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: environment));

        Assert.Contains("ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_credentials_the_error_lists_every_source_tried()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true" };

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: environment));

        Assert.Contains("ALIBABA_CLOUD_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("RRSA", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, ".aliyun", "config.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, ".alibabacloud", "credentials"), error.Message, StringComparison.Ordinal);
        Assert.Contains("ECS RAM role (ALIBABA_CLOUD_ECS_METADATA_DISABLED is true)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_an_access_key_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: new Dictionary<string, string> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "id" }));

        Assert.Contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> RrsaEnvironment(string token)
    {
        var tokenFile = Path.Combine(home, "token");
        File.WriteAllText(tokenFile, token + "\n");
        return new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ROLE_ARN"] = FakeAlibabaKms.RoleArn,
            ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = FakeAlibabaKms.ProviderArn,
            ["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = tokenFile,
            ["HOME"] = home,
        };
    }

    private static void WriteCredentialsFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
