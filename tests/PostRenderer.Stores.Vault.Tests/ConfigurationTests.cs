using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vault-config-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_factory_is_for_the_vault_backend() => Assert.Equal(Backend.Vault, new VaultStoreFactory().Backend);

    [Fact]
    public void Without_an_address_the_error_says_to_set_vault_addr_or_vault_address()
    {
        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(new Dictionary<string, string> { ["VAULT_TOKEN"] = "t" }));

        Assert.Contains("set VAULT_ADDR or vault.address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_that_is_not_a_url_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(new Dictionary<string, string> { ["VAULT_ADDR"] = "vault:8200x", ["VAULT_TOKEN"] = "t" }));

        Assert.Contains("not an http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_token_the_error_lists_where_one_was_looked_for()
    {
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:1", ["HOME"] = directory };

        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(environment));

        Assert.Contains("VAULT_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("~/.vault-token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kubernetes", "vault.role")]
    [InlineData("approle", "VAULT_ROLE_ID")]
    public void An_auth_method_without_its_role_is_a_configuration_error_naming_where_to_set_it(string method, string setting)
    {
        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(
            new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:1" }, new VaultSettings { AuthMethod = method }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_auth_without_the_service_account_token_is_a_configuration_error()
    {
        var missing = Path.Combine(directory, "no-token");

        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(
            new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:1" },
            new VaultSettings { AuthMethod = "kubernetes", Role = "r", TokenFile = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vault_skip_verify_that_is_not_a_boolean_is_a_configuration_error()
    {
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = "https://127.0.0.1:1", ["VAULT_TOKEN"] = "t", ["VAULT_SKIP_VERIFY"] = "maybe" };

        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(environment));

        Assert.Contains("VAULT_SKIP_VERIFY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ca_bundle_is_a_configuration_error()
    {
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = "https://127.0.0.1:1",
            ["VAULT_TOKEN"] = "t",
            ["VAULT_CACERT"] = Path.Combine(directory, "missing.pem"),
        };

        var error = Assert.Throws<ConfigurationException>(() => VaultStores.Create(environment));

        Assert.Contains("VAULT_CACERT", error.Message, StringComparison.Ordinal);
    }
}
