using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Settings to store: which vault, which failures are configuration errors, and the client's options.</summary>
public sealed class AzureKeyVaultStoreFactoryTests
{
    [Fact]
    public void The_factory_is_for_the_azure_backend_and_creates_a_store_with_default_credentials_without_any_request()
    {
        var factory = new AzureKeyVaultStoreFactory();

        using var store = factory.Create(Context(new AzureSettings { KeyVaultName = "my-vault" }));

        Assert.Equal(Backend.Azure, factory.Backend);
        Assert.Equal("azure", store.Name);
    }

    [Fact]
    public void No_vault_configured_is_a_configuration_error_naming_both_settings()
    {
        var error = Assert.Throws<ConfigurationException>(() => new AzureKeyVaultStoreFactory().Create(Context(new AzureSettings())));

        Assert.Contains("azure.keyVaultName", error.Message, StringComparison.Ordinal);
        Assert.Contains("azure.vaultUrl", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }

    [Theory]
    [InlineData("http://my-vault.vault.azure.net/", "must be an https URL")]
    [InlineData("my-vault.vault.azure.net", "is not an absolute URL")]
    public void A_vault_url_that_cannot_carry_credentials_is_a_configuration_error(string url, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => new AzureKeyVaultStoreFactory().Create(Context(new AzureSettings { VaultUrl = url })));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1vault")]
    [InlineData("my_vault")]
    [InlineData("my--vault")]
    [InlineData("vault-")]
    [InlineData("evil.example.com/x")]
    public void A_vault_name_key_vault_would_not_accept_is_a_configuration_error(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => new AzureKeyVaultStoreFactory().Create(Context(new AzureSettings { KeyVaultName = name })));

        Assert.Contains("azure.keyVaultName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_url_wins_over_the_vault_name()
    {
        var uri = VaultAddress.Resolve(new AzureSettings { KeyVaultName = "by-name", VaultUrl = "https://by-url.vault.azure.net/" });

        Assert.Equal(new Uri("https://by-url.vault.azure.net/"), uri);
        Assert.Equal(new Uri("https://by-name.vault.azure.net/"), VaultAddress.Resolve(new AzureSettings { KeyVaultName = "by-name" }));
    }

    [Theory]
    [InlineData("https://my-vault.vault.azure.net/", false)]
    [InlineData("https://MY-VAULT.VAULT.AZURE.NET/", false)]
    [InlineData("https://my-vault.vault.azure.cn/", false)]
    [InlineData("https://my-vault.vault.usgovcloudapi.net/", false)]
    [InlineData("https://127.0.0.1:8443/", true)]
    [InlineData("https://vault.internal.example.com/", true)]
    [InlineData("https://vault.azure.net.example.com/", true)]
    public void Challenge_resource_verification_is_off_only_for_hosts_outside_the_azure_clouds(string url, bool disabled)
    {
        using var http = new HttpClient();

        var options = KeyVaultClientOptions.Create(new Uri(url), http, new StoreHttp(new PopulationSettings()));

        Assert.Equal(disabled, options.DisableChallengeResourceVerification);
    }

    [Fact]
    public void The_sdk_does_not_retry_and_its_network_timeout_is_the_longest_the_shared_policy_can_take()
    {
        using var http = new HttpClient();
        var policy = new StoreHttp(new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 2 });

        var options = KeyVaultClientOptions.Create(new Uri("https://my-vault.vault.azure.net/"), http, policy);

        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(5 * 3) + TimeSpan.FromMinutes(2 * 2), options.Retry.NetworkTimeout);
    }

    private static StoreContext Context(AzureSettings azure) =>
        new(new Settings { Backend = Backend.Azure }.WithSection(Backend.Azure, azure), new Dictionary<string, string>(), new StoreHttp(new PopulationSettings()));
}
