namespace PostRenderer.Stores.Vault;

/// <summary>What the store authenticates with. Classes, not records, so that no ToString ever prints a token.</summary>
internal abstract class VaultCredential
{
    /// <summary>Where the token comes from, for messages ("the token from VAULT_TOKEN"); never the token.</summary>
    public abstract string Description { get; }
}
