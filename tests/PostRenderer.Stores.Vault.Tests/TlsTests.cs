using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class TlsTests : IAsyncLifetime, IDisposable
{
    private readonly TestCertificates certificates = TestCertificates.Create();
    private readonly string directory = Directory.CreateTempSubdirectory("vault-tls-").FullName;
    private FakeVault fake = null!;

    public async Task InitializeAsync() => fake = await FakeVault.StartAsync(certificates.Server);

    public async Task DisposeAsync() => await fake.DisposeAsync();

    public void Dispose()
    {
        certificates.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_server_signed_by_the_ca_in_vault_cacert_is_trusted()
    {
        var caFile = Path.Combine(directory, "ca.pem");
        await File.WriteAllTextAsync(caFile, certificates.CaPem);
        var environment = VaultStores.Environment(fake);
        environment["VAULT_CACERT"] = caFile;
        using var store = VaultStores.Create(environment);

        Assert.Equal("https", fake.Address.Scheme);
        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));
        Assert.Equal("v", (await store.ReadAsync("app", default))!.Properties["k"]);
    }

    [Fact]
    public async Task The_ca_setting_may_hold_the_pem_itself()
    {
        using var store = VaultStores.Create(fake, new VaultSettings { CaCert = certificates.CaPem });

        Assert.Null(await store.ReadAsync("app", default));
    }

    [Fact]
    public async Task Without_the_ca_the_server_is_not_trusted_and_the_error_says_what_to_set()
    {
        using var store = VaultStores.Create(fake, retries: 0);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("VAULT_CACERT", error.Message, StringComparison.Ordinal);
        Assert.Contains("vault.caCert", error.Message, StringComparison.Ordinal);
        Assert.Contains("TLS handshake with https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("SSL_CERT_FILE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch("[a-z]_[a-z]", error.Message);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_different_ca_is_not_trusted()
    {
        using var other = TestCertificates.Create();
        using var store = VaultStores.Create(fake, new VaultSettings { CaCert = other.CaPem }, retries: 0);

        await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Vault_skip_verify_accepts_the_server_without_a_ca()
    {
        var environment = VaultStores.Environment(fake);
        environment["VAULT_SKIP_VERIFY"] = "true";
        using var store = VaultStores.Create(environment);

        Assert.Null(await store.ReadAsync("app", default));
    }
}
