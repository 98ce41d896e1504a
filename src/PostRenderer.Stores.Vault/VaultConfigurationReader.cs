using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>
/// Resolves <see cref="VaultSettings"/> against the environment the way the vault CLI does: a setting wins, else
/// VAULT_ADDR, VAULT_TOKEN (else ~/.vault-token), VAULT_NAMESPACE, VAULT_CACERT, VAULT_SKIP_VERIFY,
/// VAULT_ROLE_ID and VAULT_SECRET_ID. Missing or malformed values are ConfigurationExceptions.
/// </summary>
internal static class VaultConfigurationReader
{
    public static VaultConfiguration Read(VaultSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        string? Env(string name) =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var mount = settings.Mount.Trim('/');
        if (mount.Length == 0)
        {
            throw new ConfigurationException("vault.mount is empty; set it to the KV mount path (the SecretStore's 'path'), e.g. 'secret'");
        }

        if (settings.KvVersion is not (null or 1 or 2))
        {
            throw new ConfigurationException($"vault.kvVersion must be 1 or 2, not {settings.KvVersion}");
        }

        return new VaultConfiguration(
            ReadAddress(settings.Address ?? Env("VAULT_ADDR")),
            mount,
            settings.KvVersion,
            settings.Namespace ?? Env("VAULT_NAMESPACE"),
            ReadTls(settings, Env),
            VaultCredentialReader.Read(settings, Env));
    }

    private static Uri ReadAddress(string? address)
    {
        if (address is null)
        {
            throw new ConfigurationException("vault: no server address; set VAULT_ADDR or vault.address (e.g. https://vault.example.com:8200)");
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"vault: the server address '{address}' is not an http(s) URL; fix VAULT_ADDR or vault.address");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static VaultTlsOptions ReadTls(VaultSettings settings, Func<string, string?> env)
    {
        var skipVerify = settings.SkipVerify ?? ReadSkipVerify(env("VAULT_SKIP_VERIFY"));
        var caCert = settings.CaCert is { } configured
            ? VaultCaBundle.Load(configured, "vault.caCert")
            : env("VAULT_CACERT") is { } path ? VaultCaBundle.Load(path, "VAULT_CACERT") : null;
        return new VaultTlsOptions(caCert, skipVerify);
    }

    private static bool ReadSkipVerify(string? text) =>
        text is null ? false
        : GoBool.Parse(text) ?? throw new ConfigurationException($"vault: VAULT_SKIP_VERIFY is '{text}', which is not a boolean (true/false/1/0)");
}
