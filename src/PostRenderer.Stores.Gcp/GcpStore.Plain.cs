using System.Globalization;
using System.Text;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Raw entries: the latest version's payload is the key's value as UTF-8 bytes, which is what ESO's gcpsm provider
/// returns without <c>remoteRef.property</c> (JSON text included). Written with the JSON path's check-then-add: the
/// secret is created if missing, and a version is added only while the latest is still the one read. Read back whole,
/// never parsed, so a JSON object there is the value present and is left alone.
/// </summary>
internal sealed partial class GcpStore : IPlainValueStore
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        var latest = await client.AccessAsync(entry, "latest", unreadableIsAbsent: false, cancellationToken).ConfigureAwait(false);
        return latest is null
            ? null
            : new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = Text(latest.Data) }, latest.Number.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var payload = Encoding.UTF8.GetBytes(value);
        EntrySizeLimit.CheckRaw(StoreName, entry, payload.Length, MaxPayloadBytes, "bytes");
        if (!await IsStillAtAsync(entry, BasisOf(expected), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // The raw value is the one thing this write sets: a version another writer added in the gap has nothing to fold in.
        await client.AddVersionAsync(entry, payload, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // A payload that is not UTF-8 is still a value ESO delivers (as bytes): present, and never equal to a text value.
    private static string Text(byte[] payload)
    {
        try
        {
            return StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return "\0bytes:" + Convert.ToBase64String(payload);
        }
    }
}
