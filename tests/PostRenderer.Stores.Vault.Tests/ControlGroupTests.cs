using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Answers carrying wrap_info (Control Groups, forced response wrapping) are neither success nor "absent".</summary>
public sealed class ControlGroupTests : AgainstVault
{
    [Fact]
    public async Task A_read_held_by_a_control_group_is_an_error_naming_it_and_the_path_never_the_wrapping_token()
    {
        Fake.ControlGroupPaths.Enqueue("secret/data/payments/");
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("payments/db", default));

        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.Equal("payments/db", error.Entry);
        Assert.Contains("'secret/data/payments/db'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Control Group", error.Message, StringComparison.Ordinal);
        Assert.Contains("response wrapping", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.wrapping-token-never-print", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_held_by_a_control_group_is_never_reported_created()
    {
        Fake.ControlGroupPaths.Enqueue("secret/data/payments/");
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("payments/db", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Null(Fake.Secret.Current("payments/db"));
    }

    [Fact]
    public async Task Population_of_a_held_path_fails_at_once_instead_of_retrying_as_a_conflict()
    {
        Fake.ControlGroupPaths.Enqueue("secret/data/payments/");
        using var store = VaultStores.Create(Fake);
        var populator = new Populator(store, new PopulationSettings());

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            populator.PopulateAsync(new EntryRequest("payments/db", new Dictionary<string, string> { ["k"] = "v" }, "test"), default));

        Assert.Contains("Control Group", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Fake.CountRequests("GET", "/v1/secret/data/payments/db"));
        Assert.Equal(0, Fake.CountRequests("POST", "/v1/secret/data/payments/db"));
    }

    [Fact]
    public async Task A_wrapped_login_is_an_error_too()
    {
        Fake.ControlGroupPaths.Enqueue("auth/approle/login");
        Fake.AppRoles["role-1"] = "secret-1";
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = Fake.Address.ToString(),
            ["VAULT_ROLE_ID"] = "role-1",
            ["VAULT_SECRET_ID"] = "secret-1",
        };
        using var store = VaultStores.Create(environment, new VaultSettings { AuthMethod = "approle", KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("'auth/approle/login'", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrap_info", error.Message, StringComparison.Ordinal);
    }
}
