using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure;

/// <summary>Where the vault is: <c>azure.vaultUrl</c>, else <c>https://{azure.keyVaultName}.vault.azure.net/</c>.</summary>
internal static class VaultAddress
{
    public static Uri Resolve(AzureSettings settings)
    {
        if (settings.VaultUrl is null && settings.KeyVaultName is { } name && !IsValidVaultName(name))
        {
            throw new ConfigurationException(
                $"azure.keyVaultName '{name}' is not a Key Vault name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens");
        }

        var uri = ResolveUri(settings) ?? throw new ConfigurationException(
            "the azure backend needs azure.keyVaultName (the vault's name) or azure.vaultUrl (its URL, e.g. https://NAME.vault.azure.net/)");

        // Key Vault's SDK refuses to send a bearer token over plain HTTP, so fail here with the setting's name.
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ConfigurationException($"azure.vaultUrl '{uri}' must be an https URL: Key Vault clients only send credentials over TLS");
        }

        return uri;
    }

    private static Uri? ResolveUri(AzureSettings settings)
    {
        try
        {
            var uri = settings.ResolveVaultUri();
            return uri is null || uri.IsAbsoluteUri ? uri : throw new UriFormatException("not absolute");
        }
        catch (UriFormatException ex)
        {
            throw new ConfigurationException($"azure.vaultUrl '{settings.VaultUrl}' is not an absolute URL such as https://NAME.vault.azure.net/", ex);
        }
    }

    private static bool IsValidVaultName(string name) =>
        name.Length is >= 3 and <= 24
        && char.IsAsciiLetter(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
