using System.Text;
using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.Aws;
using PostRenderer.Stores.Vault;

namespace PostRenderer.Core.Tests.Configuration;

/// <summary>Named stores: several instances of one backend, chosen per rule, by defaultStore or by --store.</summary>
public sealed class NamedStoresTests : IDisposable
{
    private const string StoresOnly = """
        stores:
          team-a:
            backend: file
            file: {path: "{dir}/a.json"}
            secretStoreRef: {name: store-a, kind: SecretStore}
          team-b:
            backend: file
            file: {path: "{dir}/b.json"}
            entryName: "b/{name}"

        """;

    private const string TwoFileStores = StoresOnly + """
        defaultStore: team-a
        secrets:
          - name: b-*
            store: team-b
        """;

    private const string TwoSecrets = """
        apiVersion: v1
        kind: Secret
        metadata: {name: a-db, namespace: apps}
        stringData: {password: first-value}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b-db, namespace: apps}
        stringData: {password: second-value}
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("stores-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Settings Load(string config, Dictionary<string, string>? environment = null, Dictionary<string, string?>? commandLine = null)
    {
        WriteConfig(config);
        return SettingsLoader.Load(new SettingsSources(directory, environment ?? [], null, commandLine ?? []) { Registry = TestStores.Registry });
    }

    [Fact]
    public void Stores_are_read_with_their_own_settings()
    {
        var settings = Load(TwoFileStores);
        Assert.Equal(2, settings.Stores.Count);
        var b = settings.Stores[Settings.StoreKey("team-b")];
        Assert.Equal("team-b", b.Name);
        Assert.Equal(Path.Combine(directory, "b.json"), ((FileStoreSettings)b.Section).Path);
        Assert.Equal(new SecretStoreRef("team-b", "ClusterSecretStore"), b.SecretStoreRef);
        Assert.Equal("team-a", settings.DefaultStore.Name);
        Assert.Equal("team-b", settings.Secrets[0].Store);
    }

    [Fact]
    public void Environment_and_command_line_reach_into_a_store()
    {
        var environment = new Dictionary<string, string>
        {
            ["SECRET_POSTRENDERER_STORES__EU_AWS__BACKEND"] = "aws",
            ["SECRET_POSTRENDERER_STORES__EU_AWS__AWS__REGION"] = "eu-west-1",
        };
        var settings = Load(StoresOnly + "  eu-aws:\n    backend: vault\n", environment, new Dictionary<string, string?> { ["defaultStore"] = "EU_AWS" });
        var store = settings.DefaultStore;
        Assert.Equal("eu-aws", store.Name); // named as the file first named it
        Assert.Equal(Backend.Aws, store.Backend);
        Assert.Equal("eu-west-1", ((AwsSettings)store.Section).Region);
    }

    [Fact]
    public void Without_stores_the_top_level_settings_are_the_default_store()
    {
        var settings = Load("backend: vault\nvault: {mount: kv}\nsecretStoreRef: {name: v, kind: SecretStore}\n");
        var store = settings.DefaultStore;
        Assert.True(store.Implicit);
        Assert.Equal(Backend.Vault, store.Backend);
        Assert.Equal("kv", ((VaultSettings)store.Section).Mount);
        Assert.Equal("vault", store.Label);
    }

    [Theory]
    [InlineData("defaultStore: nope\n", "one of the stores: team-a, team-b")]
    [InlineData("secrets:\n  - {name: x, store: nope}\n", "setting 'secrets[0].store' is 'nope'")]
    [InlineData("secrets:\n  - {name: x, store: team-a, backend: aws}\n", "both 'store' and 'backend'")]
    [InlineData("stores:\n  c: {file: {path: c.json}}\n", "store 'c' needs a 'backend'")]
    [InlineData("stores:\n  c: {backend: file, vault: {mount: kv}}\n", "its 'vault' settings would be ignored")]
    [InlineData("stores:\n  c: {backend: file, colour: red}\n", "unknown setting 'stores.c.colour'")]
    public void Mistakes_are_configuration_errors(string extra, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(StoresOnly + extra.Replace("stores:\n", "", StringComparison.Ordinal)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_run_renders_and_populates_two_stores_of_one_backend()
    {
        WriteConfig(TwoFileStores);
        var run = Render(new Dictionary<string, string?> { ["populate"] = "true" });

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("name: store-a\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("name: team-b\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: b/b-db\n", run.Output, StringComparison.Ordinal);
        Assert.Equal("first-value", StoredValue("a.json", "apps/a-db", "password"));
        Assert.Equal("second-value", StoredValue("b.json", "b/b-db", "password"));
        Assert.Null(StoredValue("a.json", "b/b-db", "password"));
        Assert.Contains("team-a (file): 1 entry created, 1 key added", run.Errors, StringComparison.Ordinal);
        Assert.Contains("team-b (file): 1 entry created, 1 key added", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("-value", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_option_picks_the_default_store()
    {
        WriteConfig(TwoFileStores);
        var run = Render(new Dictionary<string, string?> { ["populate"] = "true", ["defaultStore"] = "team-b" });

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal("first-value", StoredValue("b.json", "b/a-db", "password"));
        Assert.False(File.Exists(Path.Combine(directory, "a.json")));
    }

    private void WriteConfig(string config) =>
        File.WriteAllText(Path.Combine(directory, ".secret-postrenderer.yaml"), config.Replace("{dir}", directory, StringComparison.Ordinal));

    private Fixtures.InProcessRun Render(Dictionary<string, string?> commandLine) =>
        Fixtures.InProcessRun.Execute(Encoding.UTF8.GetBytes(TwoSecrets), directory, new Dictionary<string, string>(), commandLine);

    private string? StoredValue(string file, string entry, string property)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty(entry, out var value) && value.TryGetProperty(property, out var text) ? text.GetString() : null;
    }
}
