using System.Globalization;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// GCP Secret Manager as a population store: one secret per entry, whose latest version holds the JSON
/// object of the entry's properties; a write adds a version.
/// </summary>
internal sealed partial class GcpStore(GcpSecretManagerClient client, GcpCredentialSource credentials, IReadOnlyList<string> replicaLocations) : ISecretStore
{
    public const string StoreName = "gcp";

    // Rounds of merging in versions that a concurrent writer added under ours before giving up (returning false).
    private const int MaxRepairRounds = 8;

    /// <summary>Secret Manager's limit on a version's payload.</summary>
    private const int MaxPayloadBytes = 65_536;

    public string Name => StoreName;

    // Secret Manager has no conditional addVersion (no etag or expected-version precondition on versions), so a
    // write cannot be made atomic with the check before it. TryWriteAsync narrows the gap (it re-checks the latest
    // version first) and closes it after the fact (it merges in versions added concurrently under its own), but the
    // populator must still re-read after writing.
    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var latest = await client.AccessAsync(entry, "latest", unreadableIsAbsent: false, cancellationToken).ConfigureAwait(false);
        return latest is null
            ? null
            : new StoreEntry(GcpEntryContent.Parse(StoreName, entry, latest.Data), latest.Number.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var basis = BasisOf(expected);
        var merge = new InterleavedVersionMerge(properties, expected);

        // Checked before the secret is created: Secret Manager would create it and then refuse its first version.
        var payload = Payload(entry, merge.Content);
        if (!await IsStillAtAsync(entry, basis, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var written = await client.AddVersionAsync(entry, payload, cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            if (written == basis + 1 || !await MergeSkippedAsync(entry, merge, basis, written, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            basis = written;
            written = await client.AddVersionAsync(entry, Payload(entry, merge.Content), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public void Dispose()
    {
        client.Dispose();
        credentials.Dispose();
    }

    private static byte[] Payload(string entry, Dictionary<string, string> content)
    {
        var payload = GcpEntryContent.Serialize(content);
        EntrySizeLimit.Check(StoreName, entry, payload.Length, MaxPayloadBytes, "bytes", content.Count);
        return payload;
    }

    // Version numbers count up from 1 per secret; 0 stands for "no version yet".
    private static long BasisOf(StoreEntry? expected) =>
        expected is null ? 0
        : long.TryParse(expected.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw new ArgumentException($"'{expected.Version}' is not a Secret Manager version number", nameof(expected));

    /// <summary>Creates the secret if needed, then checks that no version was added since <paramref name="basis"/>.</summary>
    private async Task<bool> IsStillAtAsync(string entry, long basis, CancellationToken cancellationToken)
    {
        if (basis == 0 && await client.CreateSecretAsync(entry, replicaLocations, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        // The secret exists: created by someone else meanwhile, or left without versions by an interrupted run.
        var latest = await client.AccessAsync(entry, "latest", unreadableIsAbsent: false, cancellationToken).ConfigureAwait(false);
        return (latest?.Number ?? 0) == basis;
    }

    /// <summary>
    /// Versions numbered between <paramref name="basis"/> and <paramref name="written"/> were added by a concurrent
    /// writer after the re-check; ours was built without them, so it may have reverted their changes. Folds them into
    /// <paramref name="merge"/> oldest first; true when its content changed, so that it must be written again.
    /// </summary>
    private async Task<bool> MergeSkippedAsync(string entry, InterleavedVersionMerge merge, long basis, long written, CancellationToken cancellationToken)
    {
        var changed = false;
        for (var number = basis + 1; number < written; number++)
        {
            var skipped = await client.AccessAsync(entry, number.ToString(CultureInfo.InvariantCulture), unreadableIsAbsent: true, cancellationToken).ConfigureAwait(false);
            if (skipped is null)
            {
                continue;
            }

            changed |= merge.FoldIn(GcpEntryContent.Parse(StoreName, entry, skipped.Data));
        }

        return changed;
    }
}
