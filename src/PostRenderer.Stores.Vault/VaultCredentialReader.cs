using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>Finds the credential for vault.authMethod, failing early (exit 2) when it is not there.</summary>
internal static class VaultCredentialReader
{
    public static VaultCredential Read(VaultSettings settings, Func<string, string?> env) =>
        settings.AuthMethod.ToLowerInvariant() switch
        {
            "token" => ReadToken(env),
            "kubernetes" => ReadKubernetes(settings),
            "approle" => ReadAppRole(settings, env),
            var other => throw new ConfigurationException(
                $"vault.authMethod '{other}' is not supported; use one of {string.Join(", ", VaultSettings.AuthMethods)}"),
        };

    private static VaultTokenCredential ReadToken(Func<string, string?> env)
    {
        if (env("VAULT_TOKEN") is { } token)
        {
            return new VaultTokenCredential(token, "VAULT_TOKEN");
        }

        // The vault CLI's default token helper keeps the token from 'vault login' here.
        var tokenFile = env("HOME") is { } home ? Path.Combine(home, ".vault-token") : null;
        if (tokenFile is not null && File.Exists(tokenFile) && ReadSecretFile(tokenFile, "~/.vault-token") is { Length: > 0 } saved)
        {
            return new VaultTokenCredential(saved, tokenFile);
        }

        throw new ConfigurationException(
            "vault: no token; set VAULT_TOKEN, or run 'vault login' so that ~/.vault-token exists, or set vault.authMethod to kubernetes or approle");
    }

    private static VaultKubernetesCredential ReadKubernetes(VaultSettings settings)
    {
        var role = settings.Role
            ?? throw new ConfigurationException("vault: kubernetes auth needs vault.role (the Vault role bound to this service account)");
        if (!File.Exists(settings.TokenFile))
        {
            throw new ConfigurationException(
                $"vault: kubernetes auth needs the service-account token at {settings.TokenFile} (vault.tokenFile), which does not exist; is this running in a pod with a mounted token?");
        }

        return new VaultKubernetesCredential(role, settings.AuthMount ?? "kubernetes", settings.TokenFile);
    }

    private static VaultAppRoleCredential ReadAppRole(VaultSettings settings, Func<string, string?> env)
    {
        var roleId = settings.RoleId ?? env("VAULT_ROLE_ID")
            ?? throw new ConfigurationException("vault: approle auth needs a role_id; set vault.roleId or VAULT_ROLE_ID");
        var secretId = settings.SecretIdFile is { } file
            ? ReadSecretFile(file, "vault.secretIdFile")
            : env("VAULT_SECRET_ID");
        return new VaultAppRoleCredential(roleId, secretId, settings.AuthMount ?? "approle");
    }

    private static string ReadSecretFile(string path, string setting)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"vault: cannot read {path} ({setting}): {ex.Message}", ex);
        }
    }
}
