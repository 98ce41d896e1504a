namespace PostRenderer.Stores.Vault;

/// <summary>The Vault settings after environment fallbacks and validation: everything the store needs to connect.</summary>
/// <param name="Address">Server URL, ending in '/'.</param>
/// <param name="Mount">KV mount, without slashes.</param>
/// <param name="KvVersion">1 or 2; null to ask Vault.</param>
/// <param name="Namespace">Sent as X-Vault-Namespace; null for none.</param>
internal sealed record VaultConfiguration(Uri Address, string Mount, int? KvVersion, string? Namespace, VaultTlsOptions Tls, VaultCredential Credential);
