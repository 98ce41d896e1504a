using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// AWS Systems Manager Parameter Store: one SecureString parameter per entry holding the JSON object of the Secret's
/// keys (what ESO's <c>remoteRef.property</c> reads); the version token is the parameter's version number.
/// </summary>
/// <remarks>
/// Creating is atomic (PutParameter with Overwrite=false fails when the parameter exists). Replacing is not: PutParameter
/// with Overwrite=true takes no expected version. So a replacement checks the version just before writing (false when
/// it moved: the populator reads again and merges) and, since versions count up by one, knows afterwards whether
/// another writer's version landed between that check and its own: those are folded in
/// (<see cref="InterleavedVersionMerge"/>: for every key this run did not set, theirs win) and written again.
/// A replacement keeps the parameter's KMS key and tier.
/// </remarks>
internal sealed partial class ParameterStore(ParameterStoreClient client, ParameterStoreSettings settings) : ISecretStore
{
    // Rounds of merging in versions a concurrent writer added under ours before giving up (returning false).
    private const int MaxRepairRounds = 8;

    public string Name => ParameterStoreClient.Store;

    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var parameter = await client.GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        return parameter is null ? null : new StoreEntry(Parse(entry, parameter), Version(parameter.Version));
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var merge = new InterleavedVersionMerge(properties, expected);
        var value = Format(entry, merge.Content, settings.Tier);
        if (expected is null)
        {
            return await CreateAsync(entry, value, cancellationToken).ConfigureAwait(false);
        }

        var basis = long.Parse(expected.Version ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
        var current = await client.DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
        if (current?.Version != basis)
        {
            return false;
        }

        value = Format(entry, merge.Content, current.Tier?.Value ?? settings.Tier);
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            var written = await client.PutAsync(entry, value, current, settings.KmsKeyId, settings.Tier, cancellationToken).ConfigureAwait(false) ?? 0;
            var changed = false;
            for (var version = basis + 1; version < written; version++)
            {
                var interleaved = await client.GetAsync(entry, version, cancellationToken).ConfigureAwait(false);
                changed |= interleaved is not null && merge.FoldIn(Parse(entry, interleaved));
            }

            if (!changed)
            {
                return true;
            }

            basis = written;
            value = Format(entry, merge.Content, current.Tier?.Value ?? settings.Tier);
        }

        return false;
    }

    public void Dispose() => client.Dispose();

    private async Task<bool> CreateAsync(string entry, string value, CancellationToken cancellationToken)
    {
        if (await client.PutAsync(entry, value, replacing: null, settings.KmsKeyId, settings.Tier, cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }

        // It exists: created by another writer meanwhile (the populator reads and merges), or by this very request,
        // applied by an attempt whose answer was lost and then refused on the retry. Only then is version 1 exactly ours.
        var now = await client.GetAsync(entry, version: null, cancellationToken).ConfigureAwait(false);
        return now is { Version: 1 } && string.Equals(now.Value, value, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Parse(string entry, Parameter parameter)
    {
        RequireSecureString(entry, parameter);
        return SecretStringContent.Parse(entry, parameter.Value ?? "", ParameterStoreClient.Store, "the parameter's value");
    }

    private static void RequireSecureString(string entry, Parameter parameter)
    {
        if (parameter.Type != ParameterType.SecureString)
        {
            throw new StoreException(ParameterStoreClient.Store, entry,
                $"is a {parameter.Type} parameter, not a SecureString: values written to it would be stored unencrypted; "
                + "delete it or recreate it as a SecureString");
        }
    }

    private static string Format(string entry, Dictionary<string, string> content, string tier)
    {
        var value = SecretStringContent.Format(content);

        EntrySizeLimit.Check(ParameterStoreClient.Store, entry, System.Text.Encoding.UTF8.GetByteCount(value), SizeLimit(tier), "bytes", content.Count);
        return value;
    }

    // Standard parameters hold 4 KB, advanced (and intelligent-tiering, which moves to advanced) 8 KB.
    private static int SizeLimit(string tier) => tier == "Standard" ? 4_096 : 8_192;

    private static string? Version(long? version) => version?.ToString(CultureInfo.InvariantCulture);
}
