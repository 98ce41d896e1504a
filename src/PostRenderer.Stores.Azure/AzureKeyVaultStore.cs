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
/// Key Vault has no compare-and-set: setting a secret never checks which version it replaces, and secrets have no
/// ETag or If-Match. So a write lists the secret's versions just before setting (false when one newer than the version
/// read exists: the populator reads again and merges) and again just after: a version that is in neither the first
/// list nor ours was added by another writer in between, and ours, built without it, may have undone its change. Its
/// values are folded in (<see cref="InterleavedVersionMerge"/>: for every key this write did not set, theirs win) and
/// the merge written again, until a list shows no other new version. A write that returns true has thus been seen to
/// be the newest version with nothing lost under it, which is why <see cref="HasCompareAndSet"/> is true and the
/// populator need not read again. SECURITY.md states the window that remains.
/// </remarks>
internal sealed partial class AzureKeyVaultStore(SecretClient client, KeyVaultFailures failures, HttpClient http, IDisposable? owned) : ISecretStore
{
    public const string StoreName = "azure";

    /// <summary>Key Vault's limit on a secret's value (25 KB), counted in characters of the JSON sent.</summary>
    private const int MaxValueCharacters = 25_600;

    // Rounds of merging in versions another writer added under ours before giving up (returning false).
    private const int MaxRepairRounds = 8;

    public string Name => StoreName;

    public bool HasCompareAndSet => true;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        KeyVaultSecretName.Validate(entry);
        var secret = await GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        return secret is null ? null : new StoreEntry(SecretJson.Parse(entry, secret.Value), secret.Properties.Version);
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        KeyVaultSecretName.Validate(entry);
        var merge = new InterleavedVersionMerge(properties, expected);
        var value = Value(entry, merge.Content);
        var known = await ListVersionsAsync(entry, cancellationToken).ConfigureAwait(false);
        if (!await IsStillLatestAsync(entry, known, expected?.Version, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        for (var round = 0; round < MaxRepairRounds; round++)
        {
            var written = await SetAsync(entry, value, cancellationToken).ConfigureAwait(false);
            var after = await ListVersionsAsync(entry, cancellationToken).ConfigureAwait(false);
            var interleaved = after
                .Where(version => version.Version != written.Version && !known.Any(seen => seen.Version == version.Version))
                .OrderBy(version => version.CreatedOn)
                .ToList();
            if (interleaved.Count == 0)
            {
                return true;
            }

            var changed = false;
            foreach (var version in interleaved.Where(version => version.Enabled != false))
            {
                var secret = await GetAsync(entry, version.Version, cancellationToken).ConfigureAwait(false);
                changed |= secret is not null && merge.FoldIn(SecretJson.Parse(entry, secret.Value));
            }

            if (!changed)
            {
                // Ours lost nothing of theirs. If one of theirs may be newer than ours, it must hold our keys too.
                return interleaved.TrueForAll(version => version.CreatedOn < written.CreatedOn)
                    || await LatestHoldsAsync(entry, written.Version, properties.Keys, cancellationToken).ConfigureAwait(false);
            }

            known = after;
            value = Value(entry, merge.Content);
        }

        return false;
    }

    public void Dispose()
    {
        http.Dispose();
        owned?.Dispose();
    }

    private static string Value(string entry, Dictionary<string, string> content)
    {
        var value = SecretJson.Serialize(content);
        EntrySizeLimit.Check(StoreName, entry, value.Length, MaxValueCharacters, "characters", content.Count);
        return value;
    }

    /// <summary>
    /// True when no version is newer than <paramref name="expected"/> (null: when there is none at all). Key Vault's
    /// timestamps have one-second resolution, so when another version has the same second, Key Vault's own latest decides.
    /// </summary>
    private async Task<bool> IsStillLatestAsync(string entry, List<SecretProperties> versions, string? expected, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            return versions.Count == 0;
        }

        var read = versions.Find(version => version.Version == expected);
        if (read is null || versions.Exists(version => version.CreatedOn > read.CreatedOn))
        {
            return false;
        }

        return !versions.Exists(version => version != read && version.CreatedOn == read.CreatedOn)
            || (await GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false))?.Properties.Version == expected;
    }

    /// <summary>Whether the latest version is ours, or one that holds every key we wrote.</summary>
    private async Task<bool> LatestHoldsAsync(string entry, string ours, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var latest = await GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return false;
        }

        var properties = SecretJson.Parse(entry, latest.Value);
        return latest.Properties.Version == ours || keys.All(properties.ContainsKey);
    }

    /// <summary>Sets the secret's new value; returns the version made.</summary>
    private async Task<SecretProperties> SetAsync(string entry, string value, CancellationToken cancellationToken, string? contentType = SecretJson.ContentType)
    {
        var secret = new KeyVaultSecret(entry, value);
        secret.Properties.ContentType = contentType;
        var written = await CallAsync(entry, "set", () => client.SetSecretAsync(secret, cancellationToken), cancellationToken).ConfigureAwait(false);
        return written.Value.Properties;
    }

    /// <summary>Every version of the secret (all pages); empty when it does not exist.</summary>
    private Task<List<SecretProperties>> ListVersionsAsync(string entry, CancellationToken cancellationToken) =>
        CallAsync(entry, "list", async () =>
        {
            var versions = new List<SecretProperties>();
            try
            {
                await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    versions.Add(version);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "SecretNotFound")
            {
                versions.Clear();
            }

            return versions;
        }, cancellationToken);

    /// <summary>The latest version (<paramref name="version"/> null) or a given one; null when absent.</summary>
    private Task<KeyVaultSecret?> GetAsync(string entry, string? version, CancellationToken cancellationToken) =>
        CallAsync(entry, "get", async () =>
        {
            try
            {
                return (await client.GetSecretAsync(entry, version, cancellationToken).ConfigureAwait(false)).Value;
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
            throw ex.ForEntry(entry);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's network timeout, the backstop for a body that never finishes arriving.
            throw failures.TimedOut(ex, entry, operation);
        }
    }
}
