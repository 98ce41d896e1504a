using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Raw entries: ACSCurrent's SecretData is the key's value as it is (SecretDataType text), which is what ESO's alibaba
/// provider returns without <c>remoteRef.property</c> (JSON text included). Created with CreateSecret; replaced only
/// while ACSCurrent is still the version read. Read back whole, never parsed: whatever SecretData holds is the value
/// ESO delivers, so it is present and left alone.
/// </summary>
internal sealed partial class AlibabaStore : IPlainValueStore
{
    public async Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        var current = await secrets.GetAsync(entry, stage: null, versionId: null, cancellationToken).ConfigureAwait(false);
        return current is null
            ? null
            : new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = current.Data }, current.VersionId);
    }

    public async Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        EntrySizeLimit.CheckRaw(StoreName, entry, System.Text.Encoding.UTF8.GetByteCount(value), MaxSecretDataBytes, "bytes");
        if (expected is null)
        {
            return await CreateAsync(entry, value, cancellationToken).ConfigureAwait(false);
        }

        var current = await secrets.GetAsync(entry, stage: null, versionId: null, cancellationToken).ConfigureAwait(false);
        if (current is null || current.VersionId != expected.Version)
        {
            return false;
        }

        // The raw value is the one thing this write sets: a version another writer stores in the gap has nothing to fold in.
        return await secrets.PutAsync(entry, value, NewVersionId(), cancellationToken).ConfigureAwait(false);
    }
}
