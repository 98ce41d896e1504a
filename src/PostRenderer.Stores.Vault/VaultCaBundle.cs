using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>Loads the PEM CA bundle named by vault.caCert or VAULT_CACERT.</summary>
internal static class VaultCaBundle
{
    /// <summary>
    /// <paramref name="value"/> is a file path (what VAULT_CACERT holds) or, for settings files that inline it,
    /// the PEM text itself.
    /// </summary>
    public static X509Certificate2Collection Load(string value, string source)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            if (value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                bundle.ImportFromPem(value);
            }
            else if (File.Exists(value))
            {
                bundle.ImportFromPemFile(value);
            }
            else
            {
                throw new ConfigurationException($"vault: the CA bundle '{value}' (from {source}) does not exist");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"vault: cannot read the CA bundle from {source}: {ex.Message}", ex);
        }

        return bundle.Count > 0
            ? bundle
            : throw new ConfigurationException($"vault: the CA bundle from {source} holds no PEM certificate");
    }
}
