using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Tests.Configuration;

/// <summary>
/// Issue 19 item 1: a key with an entry and no property asks for a raw value, which a Vault KV entry cannot hold
/// (ESO reads it without a property as the whole map); that is a configuration error before any store is reached.
/// </summary>
public sealed class RawValueRulesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("raw-rules-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Settings Load(string config, Dictionary<string, string?>? commandLine = null)
    {
        File.WriteAllText(Path.Combine(directory, ".secret-postrenderer.yaml"), config);
        return SettingsLoader.Load(new SettingsSources(directory, new Dictionary<string, string>(), null, commandLine ?? []) { Registry = TestStores.Registry });
    }

    private const string RawKey = """
          - name: "*"
            keys:
              - {name: token, entry: "shared/token"}
        """;

    [Theory]
    [InlineData("backend: vault\nsecrets:\n" + RawKey)]
    [InlineData("stores:\n  kv: {backend: vault}\ndefaultStore: kv\nsecrets:\n" + RawKey)]
    [InlineData("backend: file\nsecrets:\n  - name: \"*\"\n    backend: vault\n    keys:\n      - {name: token, entry: shared/token}\n")]
    public void A_raw_key_on_a_vault_store_is_a_configuration_error(string config)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(config));

        Assert.Contains("key 'token' has entry 'shared/token' but no 'property'", error.Message, StringComparison.Ordinal);
        Assert.Contains("give the key a 'property'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void The_store_chosen_on_the_command_line_counts()
    {
        const string config = "stores:\n  kv: {backend: vault}\n  files: {backend: file}\ndefaultStore: files\nsecrets:\n" + RawKey;
        Assert.NotNull(Load(config));

        Assert.Throws<ConfigurationException>(() => Load(config, new Dictionary<string, string?> { ["defaultStore"] = "kv" }));
    }

    [Theory]
    [InlineData("backend: vault\nsecrets:\n  - name: \"*\"\n    keys:\n      - {name: token, entry: shared/token, property: token}\n")]
    [InlineData("backend: aws\nsecrets:\n" + RawKey)]
    [InlineData("backend: file\nsecrets:\n" + RawKey)]
    [InlineData("backend: vault\nsecrets:\n  - name: \"*\"\n    exclude: true\n    keys:\n      - {name: token, entry: shared/token}\n")]
    public void A_raw_key_elsewhere_or_with_a_property_is_fine(string config)
    {
        Assert.NotNull(Load(config));
    }
}
