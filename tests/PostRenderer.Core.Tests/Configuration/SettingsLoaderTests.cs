using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.Alibaba;
using PostRenderer.Stores.AwsParameterStore;
using PostRenderer.Stores.Azure;
using PostRenderer.Stores.Gcp;
using PostRenderer.Stores.Vault;

namespace PostRenderer.Core.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("settings-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Settings Load(Dictionary<string, string>? environment = null, Dictionary<string, string?>? commandLine = null, string? configPath = null, string? workingDirectory = null) =>
        SettingsLoader.Load(new SettingsSources(workingDirectory ?? directory, environment ?? [], configPath, commandLine ?? []) { Registry = TestStores.Registry });

    private void WriteConfig(string text, string? subdirectory = null) =>
        File.WriteAllText(Path.Combine(subdirectory ?? directory, ".secret-postrenderer.yaml"), text);

    [Fact]
    public void Defaults_need_no_file()
    {
        var settings = Load();
        Assert.Equal(OutputFormat.EsoV1, settings.Format);
        Assert.Equal(Backend.File, settings.Backend);
        Assert.Equal("default", settings.Namespace);
        Assert.Equal(new SecretStoreRef("secret-store", "ClusterSecretStore"), settings.SecretStoreRef);
        Assert.Equal("1h0m0s", settings.RefreshInterval);
        Assert.True(settings.Populate.Enabled);
        Assert.Equal("defaults", settings.Origin);
    }

    [Fact]
    public void File_is_found_in_a_parent_directory()
    {
        WriteConfig("backend: vault\nvault:\n  mount: kv\n  kvVersion: 1\n");
        var child = Directory.CreateDirectory(Path.Combine(directory, "a", "b")).FullName;
        var settings = Load(workingDirectory: child);
        Assert.Equal(Backend.Vault, settings.Backend);
        Assert.Equal("kv", settings.Section<VaultSettings>(Backend.Vault).Mount);
        Assert.Equal(1, settings.Section<VaultSettings>(Backend.Vault).KvVersion);
        Assert.EndsWith(".secret-postrenderer.yaml", settings.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameter_store_backend_reads_its_section()
    {
        WriteConfig("backend: parameterstore\nparameterStore:\n  region: eu-west-1\n  kmsKeyId: alias/params\n  tier: Advanced\n");

        var settings = Load();

        Assert.Equal(Backend.ParameterStore, settings.Backend);
        Assert.Equal("eu-west-1", settings.Section<ParameterStoreSettings>(Backend.ParameterStore).Region);
        Assert.Equal("alias/params", settings.Section<ParameterStoreSettings>(Backend.ParameterStore).KmsKeyId);
        Assert.Equal("Advanced", settings.Section<ParameterStoreSettings>(Backend.ParameterStore).Tier);
    }

    [Fact]
    public void Environment_overrides_file_and_command_line_overrides_both()
    {
        WriteConfig("format: kes\nbackend: vault\nsecretStoreRef:\n  name: from-file\n");
        var environment = new Dictionary<string, string>
        {
            ["SECRET_POSTRENDERER_FORMAT"] = "eso-v1beta1",
            ["SECRET_POSTRENDERER_SECRET_STORE_REF__NAME"] = "from-env",
            ["SECRET_POSTRENDERER_REFRESH_INTERVAL"] = "5m",
        };
        var settings = Load(environment, new Dictionary<string, string?> { ["secretStoreRef:name"] = "from-cli" });
        Assert.Equal(OutputFormat.EsoV1Beta1, settings.Format);
        Assert.Equal(Backend.Vault, settings.Backend);
        Assert.Equal("from-cli", settings.SecretStoreRef.Name);
        Assert.Equal("5m", settings.RefreshInterval);
    }

    [Theory]
    [InlineData("refreshInterval: 2h\nsecretStoreRef:\n  name: from-file\n")]
    [InlineData("refresh-interval: 2h\nsecret_store_ref:\n  Name: from-file\n")]
    public void A_later_layer_wins_however_each_layer_spells_the_name(string file)
    {
        WriteConfig(file);
        var environment = new Dictionary<string, string>
        {
            ["SECRET_POSTRENDERER_REFRESH_INTERVAL"] = "5m",
            ["SECRET_POSTRENDERER_SECRET_STORE_REF__NAME"] = "from-env",
        };
        var fromEnvironment = Load(environment);
        Assert.Equal("5m", fromEnvironment.RefreshInterval);
        Assert.Equal("from-env", fromEnvironment.SecretStoreRef.Name);

        var fromCommandLine = Load(environment, new Dictionary<string, string?> { ["refreshInterval"] = "7m", ["secretStoreRef:name"] = "from-cli" });
        Assert.Equal("7m", fromCommandLine.RefreshInterval);
        Assert.Equal("from-cli", fromCommandLine.SecretStoreRef.Name);
    }

    [Fact]
    public void A_bad_value_is_blamed_on_the_layer_that_won()
    {
        WriteConfig("refresh-interval: 2h\n");
        var error = Assert.Throws<ConfigurationException>(() => Load(new Dictionary<string, string> { ["SECRET_POSTRENDERER_REFRESH_INTERVAL"] = "soon" }));
        Assert.Contains("environment variable SECRET_POSTRENDERER_REFRESH_INTERVAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_setting_is_named_with_its_origin()
    {
        WriteConfig("vault:\n  mont: secret\n");
        var error = Assert.Throws<ConfigurationException>(() => Load());
        Assert.Contains("unknown setting 'vault.mont'", error.Message, StringComparison.Ordinal);
        Assert.Contains(".secret-postrenderer.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_environment_setting_names_the_variable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(new Dictionary<string, string> { ["SECRET_POSTRENDERER_BAKEND"] = "vault" }));
        Assert.Contains("SECRET_POSTRENDERER_BAKEND", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_config_path_wins_and_must_exist()
    {
        var other = Path.Combine(directory, "other.yaml");
        File.WriteAllText(other, "backend: gcp\ngcp:\n  projectId: p1\n");
        WriteConfig("backend: vault\n");
        Assert.Equal(Backend.Gcp, Load(configPath: other).Backend);
        Assert.Equal(Backend.Gcp, Load(new Dictionary<string, string> { ["SECRET_POSTRENDERER_CONFIG"] = other }).Backend);
        var error = Assert.Throws<ConfigurationException>(() => Load(configPath: "missing.yaml"));
        Assert.Contains("cannot read configuration file missing.yaml: no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_precedence_is_option_then_helm_namespace_then_configuration()
    {
        WriteConfig("namespace: from-file\n");
        var helm = new Dictionary<string, string> { ["HELM_NAMESPACE"] = "from-helm" };
        Assert.Equal("from-file", Load().Namespace);
        Assert.Equal("from-helm", Load(helm).Namespace);
        Assert.Equal("from-cli", Load(helm, new Dictionary<string, string?> { ["namespace"] = "from-cli" }).Namespace);
    }

    [Fact]
    public void No_populate_switches_population_off()
    {
        Assert.False(Load(new Dictionary<string, string> { ["SECRET_POSTRENDERER_NO_POPULATE"] = "true" }).Populate.Enabled);
        Assert.False(Load(new Dictionary<string, string> { ["JX_NO_POPULATE"] = "true" }).Populate.Enabled);
        Assert.False(Load(commandLine: new Dictionary<string, string?> { ["populate"] = "false" }).Populate.Enabled);
    }

    [Fact]
    public void Rules_and_generators_are_read()
    {
        WriteConfig("""
            secrets:
              - name: db-*
                namespace: prod
                backend: aws
                entryName: "{namespace}-{name}"
                unsecured: [username]
                keys:
                  - name: password
                    property: pw
                    generator: {type: password, length: 20, classes: [lower, digits]}
            """);
        var rule = Assert.Single(Load().Secrets);
        Assert.True(rule.Matches("db-main", "prod"));
        Assert.False(rule.Matches("db-main", "dev"));
        Assert.Equal(Backend.Aws, rule.Backend);
        Assert.Equal(["username"], rule.Unsecured);
        var key = rule.KeyRuleFor("password")!;
        Assert.Equal("pw", key.Property);
        Assert.Equal("password", key.Generator!.Type);
        Assert.Equal(20, key.Generator.Length);
        Assert.Equal(["lower", "digits"], key.Generator.Classes);
    }

    [Theory]
    [InlineData("format: eso-v9\n", "setting 'format' is 'eso-v9'")]
    [InlineData("refreshInterval: soon\n", "setting 'refreshInterval' is 'soon'")]
    [InlineData("entryName: \"{cluster}/{name}\"\n", "setting 'entryName'")]
    [InlineData("concurrency: 0\n", "a whole number from 1 to 256")]
    [InlineData("secretStoreRef:\n  kind: Store\n", "SecretStore, ClusterSecretStore")]
    [InlineData("secrets:\n  - namespace: x\n", "needs a 'name'")]
    [InlineData("- a\n- b\n", "must be a YAML mapping")]
    [InlineData("a: [\n", "not valid YAML")]
    public void Bad_values_are_explained(string yaml, string expected)
    {
        WriteConfig(yaml);
        var error = Assert.Throws<ConfigurationException>(() => Load());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_x_mapping_is_used_when_no_config_file_exists()
    {
        var mapping = Directory.CreateDirectory(Path.Combine(directory, ".jx", "secret", "mapping")).FullName;
        File.WriteAllText(Path.Combine(mapping, "secret-mappings.yaml"), """
            apiVersion: secret.jenkins-x.io/v1alpha1
            kind: SecretMapping
            spec:
              defaults:
                backendType: gcpSecretsManager
                gcpSecretsManager:
                  projectId: jx-project
              secrets:
                - name: lighthouse-oauth-token
                  namespace: jx
                  unsecured: [user]
                  mappings:
                    - name: oauth
                      key: pipeline-user
                      property: token
            """);
        var settings = Load();
        Assert.Equal(Backend.Gcp, settings.DefaultStore.Backend);
        Assert.Equal("jx-project", ((GcpSettings)settings.DefaultStore.Section).ProjectId);
        Assert.Equal("jx-gcpSecretsManager-jx-project", settings.DefaultStore.Name);
        Assert.Equal("latest", settings.DefaultStore.Version);
        Assert.True(settings.DefaultStore.JenkinsXLayout);
        var rule = Assert.Single(settings.Secrets);
        Assert.Equal(settings.DefaultStore.Name, rule.Store);
        Assert.Equal(["user"], rule.Unsecured);
        Assert.Equal(new KeyRule("oauth", "pipeline-user", "token", null), rule.KeyRuleFor("oauth"));

        WriteConfig("backend: vault\n");
        Assert.Equal(Backend.Vault, Load().Backend);
    }

    [Fact]
    public void Jenkins_x_dir_points_at_the_mapping()
    {
        var jxDir = Directory.CreateDirectory(Path.Combine(directory, "cluster-repo")).FullName;
        var mapping = Directory.CreateDirectory(Path.Combine(jxDir, ".jx", "secret", "mapping")).FullName;
        File.WriteAllText(Path.Combine(mapping, "secret-mappings.yaml"), "spec:\n  defaults:\n    backendType: azureKeyVault\n    azureKeyVault:\n      keyVaultName: jx-vault\n");
        var settings = Load(new Dictionary<string, string> { ["JX_DIR"] = jxDir });
        Assert.Equal(Backend.Azure, settings.DefaultStore.Backend);
        Assert.Equal("jx-vault", ((AzureSettings)settings.DefaultStore.Section).KeyVaultName);
    }

    [Fact]
    public void The_alibaba_section_is_read_from_the_file_and_the_environment()
    {
        WriteConfig("backend: alibaba\nalibaba:\n  regionId: cn-hangzhou\n  encryptionKeyId: key-1\n");
        var settings = Load(new Dictionary<string, string> { ["SECRET_POSTRENDERER_ALIBABA__ENDPOINT"] = "kms-vpc.cn-hangzhou.aliyuncs.com" });
        Assert.Equal(Backend.Alibaba, settings.Backend);
        Assert.Equal(new AlibabaSettings { RegionId = "cn-hangzhou", EncryptionKeyId = "key-1", Endpoint = "kms-vpc.cn-hangzhou.aliyuncs.com" }, settings.Section<AlibabaSettings>(Backend.Alibaba));
    }

    [Fact]
    public void The_implicit_store_carries_its_backend_section_to_its_factory()
    {
        // A configuration without stores: the default store is made of the top-level sections, and the store's
        // factory sees the settings through ForStore: a section left out there reaches the factory empty.
        WriteConfig("backend: alibaba\nalibaba:\n  regionId: cn-hangzhou\n");
        var alibaba = Load();
        Assert.Equal("cn-hangzhou", alibaba.ForStore(alibaba.DefaultStore).Section<AlibabaSettings>(Backend.Alibaba).RegionId);

        WriteConfig("backend: parameterstore\nparameterStore:\n  region: eu-west-1\n");
        var parameterStore = Load();
        Assert.Equal("eu-west-1", parameterStore.ForStore(parameterStore.DefaultStore).Section<ParameterStoreSettings>(Backend.ParameterStore).Region);
    }

    [Fact]
    public void A_jenkins_x_alicloudSecretsManager_mapping_selects_the_alibaba_backend()
    {
        var mapping = Directory.CreateDirectory(Path.Combine(directory, ".jx", "secret", "mapping")).FullName;
        File.WriteAllText(Path.Combine(mapping, "secret-mappings.yaml"), "spec:\n  defaults:\n    backendType: alicloudSecretsManager\n");
        Assert.Equal(Backend.Alibaba, Load().DefaultStore.Backend);
    }
}
