using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// Azure Key Vault as a population store: one secret per entry holding the JSON object of the Secret's keys.
/// Each write creates a new secret version; the version id is the entry's version token.
/// </summary>
/// <remarks>
/// Key Vault has no compare-and-set: setting a secret never checks which version it replaces, and secrets have
/// no ETag or If-Match. <see cref="TryWriteAsync"/> re-reads the current version just before setting and returns
/// false when it moved, which catches a concurrent writer that finished before us. A writer whose set lands in
/// the short gap between our re-read and our set is not caught here, hence <see cref="HasCompareAndSet"/> is
/// false: the populator reads again after writing and merges once more if a key went missing.
/// </remarks>
internal sealed class AzureKeyVaultStore(SecretClient client, KeyVaultFailures failures, HttpClient http, IDisposable? owned) : ISecretStore
{
    public const string StoreName = "azure";

    /// <summary>Key Vault's limit on a secret's value (25 KB), counted in characters of the JSON sent.</summary>
    private const int MaxValueCharacters = 25_600;

    public string Name => StoreName;

    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        KeyVaultSecretName.Validate(entry);
        var secret = await GetLatestAsync(entry, cancellationToken).ConfigureAwait(false);
        return secret is null ? null : new StoreEntry(SecretJson.Parse(entry, secret.Value), secret.Properties.Version);
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        KeyVaultSecretName.Validate(entry);
        var value = SecretJson.Serialize(properties);
        EntrySizeLimit.Check(StoreName, entry, value.Length, MaxValueCharacters, "characters", properties.Count);
        var current = await GetLatestAsync(entry, cancellationToken).ConfigureAwait(false);
        if (current?.Properties.Version != expected?.Version)
        {
            return false;
        }

        var secret = new KeyVaultSecret(entry, value);
        secret.Properties.ContentType = SecretJson.ContentType;
        await CallAsync(entry, "set", () => client.SetSecretAsync(secret, cancellationToken), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        http.Dispose();
        owned?.Dispose();
    }

    private Task<KeyVaultSecret?> GetLatestAsync(string entry, CancellationToken cancellationToken) =>
        CallAsync(entry, "get", async () =>
        {
            try
            {
                return (await client.GetSecretAsync(entry, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "SecretNotFound")
            {
                // Also what a soft-deleted secret answers; creating it again then fails with a 409 that says so.
                return null;
            }
        }, cancellationToken);

    private async Task<T> CallAsync<T>(string entry, string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw failures.FromResponse(ex, entry, operation);
        }
        catch (AuthenticationFailedException ex)
        {
            throw failures.FromCredential(ex, entry);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw KeyVaultFailures.WithEntry(ex, entry);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's network timeout, the backstop for a body that never finishes arriving.
            throw failures.TimedOut(ex, entry, operation);
        }
    }
}
