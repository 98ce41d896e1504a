using System.Globalization;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// Raw entries: the SecureString parameter's value is the key's value as it is, which is what ESO's ParameterStore
/// provider returns without <c>remoteRef.property</c> (JSON text included). Created with PutParameter Overwrite=false
/// (atomic); replaced only while the parameter is still at the version read. Read back whole, never parsed.
/// </summary>
internal sealed partial class ParameterStore : IPlainValueStore
{
    public async Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        var parameter = await client.GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        if (parameter is null)
        {
            return null;
        }

        RequireSecureString(entry, parameter);
        return new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = parameter.Value ?? "" }, Version(parameter.Version));
    }

    public async Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var size = System.Text.Encoding.UTF8.GetByteCount(value);
        if (expected is null)
        {
            EntrySizeLimit.CheckRaw(Name, entry, size, SizeLimit(settings.Tier), "bytes");
            return await CreateAsync(entry, value, cancellationToken).ConfigureAwait(false);
        }

        var basis = long.Parse(expected.Version ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
        var current = await client.DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
        if (current?.Version != basis)
        {
            return false;
        }

        // The raw value is the one thing this write sets: a version another writer adds in the gap has nothing to fold in.
        EntrySizeLimit.CheckRaw(Name, entry, size, SizeLimit(current.Tier?.Value ?? settings.Tier), "bytes");
        return await client.PutAsync(entry, value, current, settings.KmsKeyId, settings.Tier, cancellationToken).ConfigureAwait(false) is not null;
    }
}
