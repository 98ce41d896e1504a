using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class AuthTests : AgainstVault, IDisposable
{
    private const string Jwt = "eyJhbGciOi.service-account-jwt.sig";
    private readonly string directory = Directory.CreateTempSubdirectory("vault-auth-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task An_invalid_token_gives_an_actionable_error_without_the_token()
    {
        using var store = VaultStores.Create(VaultStores.Environment(Fake, token: "hvs.wrong-token-value"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("team/app", default));

        Assert.Contains("the token from VAULT_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("check that the token is valid and not expired", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_a_grant_on_the_entry_is_told_which_path_and_capability_it_needs()
    {
        Fake.DeniedPaths.Enqueue("secret/data/team/");
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("team/app", default));

        Assert.Equal("team/app", error.Entry);
        Assert.Contains("the token from VAULT_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("path \"secret/data/team/app\" { capabilities = [\"read\"] }", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeVault.RootToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_token_is_told_which_capability_a_write_needs()
    {
        Fake.Tokens["hvs.reader"] = false;
        using var store = VaultStores.Create(VaultStores.Environment(Fake, token: "hvs.reader"), new VaultSettings { KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "secret-value" }, null, default));

        Assert.Contains("capabilities = [\"create\"]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.reader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_file_from_vault_login_is_used_when_vault_token_is_unset()
    {
        await File.WriteAllTextAsync(Path.Combine(directory, ".vault-token"), FakeVault.RootToken + "\n");
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = Fake.Address.ToString(), ["HOME"] = directory };
        using var store = VaultStores.Create(environment);

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.All(Fake.Requests, request => Assert.Equal(FakeVault.RootToken, request.Token));
    }

    [Fact]
    public async Task A_refused_token_file_is_named_in_the_error()
    {
        await File.WriteAllTextAsync(Path.Combine(directory, ".vault-token"), "hvs.expired");
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = Fake.Address.ToString(), ["HOME"] = directory };
        using var store = VaultStores.Create(environment);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains($"the token from {Path.Combine(directory, ".vault-token")}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_auth_logs_in_once_for_concurrent_requests_and_uses_the_issued_token()
    {
        Fake.KubernetesRoles["app-role"] = Jwt;
        var tokenFile = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(tokenFile, Jwt);
        var settings = new VaultSettings { AuthMethod = "kubernetes", Role = "app-role", TokenFile = tokenFile };
        using var store = VaultStores.Create(new Dictionary<string, string> { ["VAULT_ADDR"] = Fake.Address.ToString() }, settings);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.TryWriteAsync($"e{i}", new Dictionary<string, string> { ["k"] = "v" }, null, default)));

        Assert.Equal(1, Fake.Logins);
        Assert.Equal(1, Fake.CountRequests("POST", "/v1/auth/kubernetes/login"));
        Assert.All(Fake.Requests.Where(r => !r.Path.Contains("/login", StringComparison.Ordinal)),
            request => Assert.StartsWith("hvs.login-", request.Token, StringComparison.Ordinal));
        Assert.Equal("v", Fake.Secret.Current("e11")!["k"]);
    }

    [Fact]
    public async Task A_refused_kubernetes_login_names_role_and_mount_but_not_the_jwt()
    {
        Fake.KubernetesRoles["app-role"] = "a-different-jwt";
        var tokenFile = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(tokenFile, Jwt);
        var settings = new VaultSettings { AuthMethod = "kubernetes", Role = "app-role", TokenFile = tokenFile };
        using var store = VaultStores.Create(new Dictionary<string, string> { ["VAULT_ADDR"] = Fake.Address.ToString() }, settings);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("kubernetes login at auth/kubernetes/login was refused with HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("role 'app-role'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRole_auth_uses_vault_role_id_and_vault_secret_id()
    {
        Fake.AppRoles["role-123"] = "secret-id-456";
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = Fake.Address.ToString(),
            ["VAULT_ROLE_ID"] = "role-123",
            ["VAULT_SECRET_ID"] = "secret-id-456",
        };
        using var store = VaultStores.Create(environment, new VaultSettings { AuthMethod = "approle" });

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.Equal(1, Fake.Logins);
    }

    [Fact]
    public async Task AppRole_reads_the_secret_id_from_a_file_and_a_wrong_one_is_refused_without_echoing_it()
    {
        Fake.AppRoles["role-123"] = "secret-id-456";
        var secretIdFile = Path.Combine(directory, "secret-id");
        await File.WriteAllTextAsync(secretIdFile, "secret-id-WRONG\n");
        var settings = new VaultSettings { AuthMethod = "approle", RoleId = "role-123", SecretIdFile = secretIdFile };
        using var store = VaultStores.Create(new Dictionary<string, string> { ["VAULT_ADDR"] = Fake.Address.ToString() }, settings);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("approle login at auth/approle/login was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid role or secret ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-id-WRONG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_namespace_is_sent_on_every_request_including_login()
    {
        Fake.AppRoles["r"] = "s";
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = Fake.Address.ToString(),
            ["VAULT_NAMESPACE"] = "team-a/dev",
            ["VAULT_ROLE_ID"] = "r",
            ["VAULT_SECRET_ID"] = "s",
        };
        using var store = VaultStores.Create(environment, new VaultSettings { AuthMethod = "approle" });

        await store.ReadAsync("app", default);

        Assert.Equal(3, Fake.Requests.Count);
        Assert.All(Fake.Requests, request => Assert.Equal("team-a/dev", request.Namespace));
    }

    [Fact]
    public async Task The_namespace_setting_wins_over_vault_namespace()
    {
        var environment = VaultStores.Environment(Fake);
        environment["VAULT_NAMESPACE"] = "from-env";
        using var store = VaultStores.Create(environment, new VaultSettings { Namespace = "from-settings" });

        await store.ReadAsync("app", default);

        Assert.All(Fake.Requests, request => Assert.Equal("from-settings", request.Namespace));
    }
}
