namespace PostRenderer.Stores.Azure;

/// <summary>Azure Key Vault settings; credentials come from DefaultAzureCredential.</summary>
public sealed record AzureSettings
{
    /// <summary>The vault's name; the URL is then <c>https://NAME.vault.azure.net/</c>.</summary>
    public string? KeyVaultName { get; init; }

    /// <summary>The vault's URL; wins over <see cref="KeyVaultName"/> (private endpoints, emulators).</summary>
    public string? VaultUrl { get; init; }

    public Uri? ResolveVaultUri() =>
        VaultUrl is not null ? new Uri(VaultUrl)
        : KeyVaultName is not null ? new Uri($"https://{KeyVaultName}.vault.azure.net/")
        : null;
}
