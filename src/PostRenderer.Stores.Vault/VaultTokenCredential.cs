namespace PostRenderer.Stores.Vault;

/// <summary>A ready token: VAULT_TOKEN or the vault CLI's ~/.vault-token.</summary>
internal sealed class VaultTokenCredential(string token, string source) : VaultCredential
{
    public string Token { get; } = token;

    public override string Description => $"the token from {source}";
}
