using System.Diagnostics;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Profiles of the Alibaba Cloud CLI configuration (<c>~/.aliyun/config.json</c>), written as `aliyun configure`
/// writes them (every field, empty or 0 when unused), against the fake KMS and STS, which verify every signature and
/// security token: AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, and the chain's order.
/// </summary>
public sealed class CliConfigCredentialTests : AgainstAlibaba, IDisposable
{
    private const string StsSecret = "sts-profile-secret-never-printed";
    private readonly string home = Directory.CreateTempSubdirectory("alibaba-cli-").FullName;

    private string ConfigPath => Path.Combine(home, ".aliyun", "config.json");

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public async Task The_current_profile_is_used_before_the_credentials_file()
    {
        WriteConfig("main", Profile("main", "AK", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret));
        WriteIni("[default]\ntype = access_key\naccess_key_id = unknown-key\naccess_key_secret = unknown\n");
        Fake.Seed("db", """{"k":"v"}""");

        Assert.Equal("v", (await Harness.CreateStore(environment: Home()).ReadAsync("db", default))!.Properties["k"]);
    }

    [Fact]
    public async Task The_environment_access_key_comes_before_the_cli_configuration()
    {
        WriteConfig("main", Profile("main", "AK", "unknown-key", "unknown"));
        var environment = AlibabaHarness.AccessKeyEnvironment();
        environment["HOME"] = home;

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));
    }

    [Fact]
    public async Task ALIBABA_CLOUD_PROFILE_picks_a_StsToken_profile_whose_token_is_sent()
    {
        Fake.AddAccessKey("STS.profile", StsSecret, "sts-profile-token");
        var sts = Profile("temporary", "StsToken", "STS.profile", StsSecret);
        sts["sts_token"] = "sts-profile-token";
        WriteConfig("main", Profile("main", "AK", "unknown-key", "unknown"), sts);
        var environment = Home();
        environment["ALIBABA_CLOUD_PROFILE"] = "temporary";

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));

        sts["sts_token"] = "another-token";
        WriteConfig("main", sts);
        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(environment: environment).ReadAsync("absent", default));
        Assert.Contains("InvalidSecurityToken.MismatchWithAccessKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'temporary' (StsToken)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StsSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALIBABA_CLOUD_CONFIG_FILE_names_another_file_and_ALIBABA_CLOUD_CLI_PROFILE_DISABLED_skips_it()
    {
        var path = Path.Combine(home, "elsewhere.json");
        File.WriteAllText(path, Config("main", Profile("main", "AK", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret)));
        var environment = new Dictionary<string, string> { ["ALIBABA_CLOUD_CONFIG_FILE"] = path, ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true" };

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));

        environment["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"] = "true";
        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: environment));
        Assert.Contains("no credentials found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RamRoleArn_assumes_the_role_with_the_profiles_key_once_and_signs_with_the_role()
    {
        var profile = Profile("role", "RamRoleArn", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret);
        profile["ram_role_arn"] = FakeAlibabaKms.AssumableRoleArn;
        profile["ram_session_name"] = "ci-seeder";
        WriteConfig("role", profile);
        Fake.Seed("db", """{"k":"v"}""");
        var store = Harness.CreateStore(environment: Home());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("v", (await store.ReadAsync("db", default))!.Properties["k"]);
        }

        Assert.Equal(1, Fake.Calls("AssumeRole"));
        Assert.Equal([AlibabaHarness.AccessKeyId], Fake.AssumeRoleSigners);
    }

    [Fact]
    public async Task An_assumed_role_about_to_expire_is_assumed_again()
    {
        var profile = Profile("role", "RamRoleArn", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret);
        profile["ram_role_arn"] = FakeAlibabaKms.AssumableRoleArn;
        WriteConfig("role", profile);
        Fake.AssumedLifetimes.Enqueue(TimeSpan.FromMinutes(2));
        var store = Harness.CreateStore(environment: Home());

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.ReadAsync("absent", default));
        }

        Assert.Equal(2, Fake.Calls("AssumeRole"));
    }

    [Fact]
    public async Task ChainableRamRoleArn_assumes_the_role_with_its_source_profile()
    {
        var chained = Profile("chained", "ChainableRamRoleArn", "", "");
        chained["source_profile"] = "base";
        chained["ram_role_arn"] = FakeAlibabaKms.AssumableRoleArn;
        WriteConfig("chained", chained, Profile("base", "AK", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret));

        Assert.Null(await Harness.CreateStore(environment: Home()).ReadAsync("absent", default));

        Assert.Equal([AlibabaHarness.AccessKeyId], Fake.AssumeRoleSigners);
    }

    [Fact]
    public async Task A_role_sts_refuses_is_named_with_the_code_and_never_the_key_secret()
    {
        var profile = Profile("role", "RamRoleArn", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret);
        profile["ram_role_arn"] = "acs:ram::1234567890:role/not-there";
        WriteConfig("role", profile);

        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(environment: Home()).ReadAsync("db", default));

        Assert.Contains("EntityNotExist.Role", error.Message, StringComparison.Ordinal);
        Assert.Contains("role acs:ram::1234567890:role/not-there assumed with profile 'role' (RamRoleArn)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AlibabaHarness.AccessKeySecret, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task A_role_whose_sts_never_answers_times_out_within_the_attempts()
    {
        using var silent = new SilentServer();
        var profile = Profile("role", "RamRoleArn", AlibabaHarness.AccessKeyId, AlibabaHarness.AccessKeySecret);
        profile["ram_role_arn"] = FakeAlibabaKms.AssumableRoleArn;
        WriteConfig("role", profile);
        var settings = Harness.Settings() with { StsEndpoint = silent.Address.ToString() };
        using var store = new AlibabaStoreFactory().Create(AlibabaHarness.Context(settings, Home(), TimeSpan.FromMilliseconds(400), retries: 1));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Contains("STS did not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EcsRamRole_asks_the_metadata_service_for_the_profiles_role()
    {
        await using var metadata = await FakeEcsMetadataServer.StartAsync(Fake);
        var profile = Profile("ecs", "EcsRamRole", "", "");
        profile["ram_role_name"] = FakeEcsMetadataServer.RoleName;
        WriteConfig("ecs", profile);
        var environment = Home();
        environment.Remove("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
        environment["ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"] = metadata.Address.ToString();

        Assert.Null(await Harness.CreateStore(environment: environment).ReadAsync("absent", default));

        Assert.Equal(1, metadata.IssuedCredentials);
    }

    [Fact]
    public async Task OIDC_exchanges_the_profiles_token_file_with_sts()
    {
        var tokenFile = Path.Combine(home, "oidc-token");
        File.WriteAllText(tokenFile, Fake.OidcToken);
        var profile = Profile("rrsa", "OIDC", "", "");
        profile["ram_role_arn"] = FakeAlibabaKms.RoleArn;
        profile["oidc_provider_arn"] = FakeAlibabaKms.ProviderArn;
        profile["oidc_token_file"] = tokenFile;
        WriteConfig("rrsa", profile);

        Assert.Null(await Harness.CreateStore(environment: Home()).ReadAsync("absent", default));

        Assert.Equal(1, Fake.StsCalls);
    }

    [Fact]
    public async Task A_mode_this_tool_does_not_run_is_passed_over_for_the_next_source_and_named_when_none_is_left()
    {
        WriteConfig("sso", Profile("sso", "CloudSSO", "", ""));

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: Home()));

        Assert.Contains("no credentials found", error.Message, StringComparison.Ordinal);
        Assert.Contains("passed over profile 'sso' (CloudSSO)", error.Message, StringComparison.Ordinal);
        Assert.Contains("AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole or OIDC", error.Message, StringComparison.Ordinal);

        WriteIni($"[default]\ntype = access_key\naccess_key_id = {AlibabaHarness.AccessKeyId}\naccess_key_secret = {AlibabaHarness.AccessKeySecret}\n");
        Assert.Null(await Harness.CreateStore(environment: Home()).ReadAsync("absent", default));
    }

    [Fact]
    public void A_file_that_is_not_json_is_named_without_quoting_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllText(ConfigPath, "{\"current\": \"main\", \"profiles\": [{\"access_key_secret\": \"" + AlibabaHarness.AccessKeySecret + "\",,]}");

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: Home()));

        Assert.Contains($"{ConfigPath} is not JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AlibabaHarness.AccessKeySecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_current_profile_missing_from_the_file_lists_those_it_has()
    {
        WriteConfig("gone", Profile("main", "AK", "id", "secret"));

        var error = Assert.Throws<ConfigurationException>(() => Harness.CreateStore(environment: Home()));

        Assert.Contains("has no profile 'gone' (it has: main)", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Home() => new() { ["HOME"] = home, ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true" };

    /// <summary>A profile with every field `aliyun configure` writes, as it writes them.</summary>
    private static JsonObject Profile(string name, string mode, string id, string secret) => new()
    {
        ["name"] = name,
        ["mode"] = mode,
        ["access_key_id"] = id,
        ["access_key_secret"] = secret,
        ["sts_token"] = "",
        ["sts_region"] = "",
        ["ram_role_name"] = "",
        ["ram_role_arn"] = "",
        ["ram_session_name"] = "",
        ["source_profile"] = "",
        ["private_key"] = "",
        ["key_pair_name"] = "",
        ["expired_seconds"] = 0,
        ["verified"] = "",
        ["region_id"] = "cn-hangzhou",
        ["output_format"] = "json",
        ["language"] = "en",
        ["site"] = "",
        ["retry_timeout"] = 0,
        ["connect_timeout"] = 0,
        ["retry_count"] = 0,
        ["process_command"] = "",
        ["credentials_uri"] = "",
    };

    private static string Config(string current, params JsonObject[] profiles) =>
        new JsonObject
        {
            ["current"] = current,
            ["profiles"] = new JsonArray(profiles.Select(profile => (JsonNode)profile.DeepClone()).ToArray()),
            ["meta_path"] = "",
        }.ToJsonString();

    private void WriteConfig(string current, params JsonObject[] profiles)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllText(ConfigPath, Config(current, profiles));
    }

    private void WriteIni(string text)
    {
        var path = Path.Combine(home, ".alibabacloud", "credentials");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
