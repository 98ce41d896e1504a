using System.Text.Json;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// Raw entries: the secret's value is the key's value as it is, which is what ESO's azurekv provider returns without
/// <c>remoteRef.property</c> (JSON text included); no content type is set, as none describes it. Written only while
/// the version read is still the latest (none, to create), then confirmed latest: when another writer's version came
/// after ours, theirs is the value and the populator reads it again. Read back whole, never parsed.
/// </summary>
internal sealed partial class AzureKeyVaultStore : IPlainValueStore
{
    public async Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        KeyVaultSecretName.Validate(entry);
        var secret = await GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        return secret is null
            ? null
            : new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = secret.Value ?? "" }, secret.Properties.Version);
    }

    public async Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        KeyVaultSecretName.Validate(entry);

        // Counted as sent: a JSON string, non-ASCII escaped, as SecretJson's limit counts the JSON object.
        EntrySizeLimit.CheckRaw(StoreName, entry, JsonEncodedText.Encode(value).Value.Length, MaxValueCharacters, "characters");
        var known = await ListVersionsAsync(entry, cancellationToken).ConfigureAwait(false);
        if (!await IsStillLatestAsync(entry, known, expected?.Version, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var written = await SetAsync(entry, value, cancellationToken, contentType: null).ConfigureAwait(false);
        var latest = await GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        return latest?.Properties.Version == written.Version;
    }
}
