using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// Key Vault's rule for secret names. Core already sanitises entry names to it; checking again here turns a
/// bad name into a clear message instead of a 400 from the service (or, worse, a request to another path).
/// </summary>
internal static class KeyVaultSecretName
{
    public const int MaxLength = 127;

    public static void Validate(string entry)
    {
        if (entry.Length is 0 or > MaxLength || !entry.All(IsAllowed))
        {
            throw new StoreException(
                AzureKeyVaultStore.StoreName,
                entry,
                $"is not a valid Key Vault secret name: use 1 to {MaxLength} ASCII letters, digits and hyphens (no dots, underscores or slashes)");
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
