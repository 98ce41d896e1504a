using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Raw entries: the SecretString is the key's value as it is, which is what ESO reads without <c>remoteRef.property</c>
/// (a value that happens to be JSON text included). Written with the same create, staging-label compare-and-set and
/// fallback as JSON entries; read back whole, never parsed, so a JSON object there is simply the value present.
/// </summary>
internal sealed partial class AwsStore : IPlainValueStore
{
    public async Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        var answer = await client.CallAsync("GetSecretValue", new System.Text.Json.Nodes.JsonObject { ["SecretId"] = entry }, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }

        var secretString = Text(answer, "SecretString")
            ?? throw new StoreException(Name, entry, "holds a binary secret (SecretBinary), not the text value in SecretString a key without 'property' reads; fix or delete the secret");
        return new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = secretString }, Text(answer, "VersionId"));
    }

    public Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        EntrySizeLimit.CheckRaw(Name, entry, System.Text.Encoding.UTF8.GetByteCount(value), MaxSecretStringBytes, "bytes");
        return expected is null
            ? CreateAsync(entry, properties: null, value, cancellationToken)
            : ReplaceAsync(entry, properties: null, expected, value, cancellationToken);
    }
}
