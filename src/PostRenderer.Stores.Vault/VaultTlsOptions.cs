using System.Security.Cryptography.X509Certificates;

namespace PostRenderer.Stores.Vault;

/// <summary>How the server's certificate is checked: system roots (both null/false), a custom CA bundle, or not at all.</summary>
/// <param name="CaBundle">Roots that replace the system's, as VAULT_CACERT does for the vault CLI.</param>
/// <param name="SkipVerify">VAULT_SKIP_VERIFY: accept any certificate.</param>
internal sealed record VaultTlsOptions(X509Certificate2Collection? CaBundle, bool SkipVerify);
