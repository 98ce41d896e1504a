using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Alibaba Cloud KMS Secrets Manager as a population store: one generic secret per entry, whose ACSCurrent version's
/// SecretData is the JSON object of the entry's properties; the version token is that version's VersionId.
/// </summary>
/// <remarks>
/// KMS has no conditional PutSecretValue. Before writing, the store lists the secret's versions and checks that
/// ACSCurrent is still the version it read, returning false if not. Any number of writers can pass that check before
/// one of them writes, so after writing the store lists the versions again (those whose stage moved on included) and
/// merges in every version it had not listed and did not write, oldest first (<see cref="InterleavedVersionMerge"/>),
/// then writes again; until a listing brings nothing new. Looking one version back
/// (ACSPrevious) is not enough: with three writers, a version can be two back before anyone looks.
/// <see cref="HasCompareAndSet"/> stays false: the populator reads again after writing and adds what went missing.
/// Every write carries a fresh VersionId, reused by the shared pipeline's retries, so a retried PutSecretValue whose
/// first answer was lost is recognised by KMS and adds no second version.
/// </remarks>
internal sealed partial class AlibabaStore(KmsSecrets secrets) : ISecretStore
{
    public const string StoreName = "alibaba";

    /// <summary>
    /// KMS's limit on SecretData, in bytes: "The value cannot exceed 30,720 bytes" (Alibaba Cloud KMS, "Manage and use
    /// generic secrets", Secret Value).
    /// </summary>
    private const int MaxSecretDataBytes = 30_720;

    // Rounds of merging in versions that a concurrent writer stored under ours before giving up (returning false).
    private const int MaxRepairRounds = 8;

    public string Name => StoreName;

    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var current = await secrets.GetAsync(entry, stage: null, versionId: null, cancellationToken).ConfigureAwait(false);
        return current is null ? null : new StoreEntry(Properties(entry, current), current.VersionId);
    }

    public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var merge = new InterleavedVersionMerge(properties, expected);
        var secretData = Payload(entry, merge.Content);
        return expected is null
            ? CreateAsync(entry, secretData, cancellationToken)
            : UpdateAsync(entry, merge, expected.Version, cancellationToken);
    }

    public void Dispose() => secrets.Dispose();

    private async Task<bool> CreateAsync(string entry, string secretData, CancellationToken cancellationToken)
    {
        var versionId = NewVersionId();
        var refused = await secrets.CreateAsync(entry, secretData, versionId, cancellationToken).ConfigureAwait(false);
        if (refused is null)
        {
            return true;
        }

        if (refused == KmsSecrets.InDeleteWindow)
        {
            var planned = (await secrets.DescribeAsync(entry, cancellationToken).ConfigureAwait(false))?.PlannedDeleteTime;
            throw ScheduledForDeletion(entry, planned);
        }

        // The name is taken: another writer created the secret meanwhile (the populator must read and merge), or our
        // own CreateSecret was applied and its answer lost, so that the retry found the secret (then it holds our version).
        var current = await secrets.GetAsync(entry, stage: null, versionId: null, cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            return current.VersionId == versionId;
        }

        var description = await secrets.DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
        return description switch
        {
            null => false, // deleted again meanwhile: the populator reads and creates
            { PlannedDeleteTime: { } planned } => throw ScheduledForDeletion(entry, planned),
            _ => throw new StoreException(StoreName, entry,
                "exists, but GetSecretValue finds no ACSCurrent version; give it a version holding a JSON object of string properties, or delete it"),
        };
    }

    private async Task<bool> UpdateAsync(string entry, InterleavedVersionMerge merge, string? basis, CancellationToken cancellationToken)
    {
        // Listed before the check: while ACSCurrent is still the basis, every version listed here predates it (or
        // is it), so any version missing from this list was stored by another writer after the basis.
        var settled = await ListVersionIdsAsync(entry, cancellationToken).ConfigureAwait(false);
        var current = await secrets.GetAsync(entry, stage: null, versionId: null, cancellationToken).ConfigureAwait(false);
        if (settled is null || current is null || current.VersionId != basis)
        {
            return false;
        }

        var written = NewVersionId();
        if (!await secrets.PutAsync(entry, Payload(entry, merge.Content), written, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        settled.Add(written);
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            var changed = await MergeNewerAsync(entry, merge, settled, cancellationToken).ConfigureAwait(false);
            if (changed is not true)
            {
                return changed is false;
            }

            written = NewVersionId();
            if (!await secrets.PutAsync(entry, Payload(entry, merge.Content), written, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            settled.Add(written);
        }

        return false;
    }

    /// <summary>
    /// Folds into <paramref name="merge"/> every version not yet <paramref name="settled"/> (stored by other writers
    /// after our basis, whatever stage it now has), oldest first, and settles them. True when the content changed and
    /// must be written again; null when the secret is gone.
    /// </summary>
    private async Task<bool?> MergeNewerAsync(string entry, InterleavedVersionMerge merge, HashSet<string> settled, CancellationToken cancellationToken)
    {
        if (await secrets.ListVersionsAsync(entry, cancellationToken).ConfigureAwait(false) is not { } listed)
        {
            return null;
        }

        var changed = false;
        foreach (var version in listed.Where(version => !settled.Contains(version.VersionId)).OrderBy(version => version.CreateTime, StringComparer.Ordinal))
        {
            settled.Add(version.VersionId);

            // A version KMS dropped since the listing holds nothing left to keep.
            if (await secrets.GetAsync(entry, stage: null, version.VersionId, cancellationToken).ConfigureAwait(false) is { } theirs)
            {
                changed |= merge.FoldIn(Properties(entry, theirs));
            }
        }

        return changed;
    }

    private async Task<HashSet<string>?> ListVersionIdsAsync(string entry, CancellationToken cancellationToken) =>
        (await secrets.ListVersionsAsync(entry, cancellationToken).ConfigureAwait(false))?.Select(version => version.VersionId).ToHashSet(StringComparer.Ordinal);

    private static StoreException ScheduledForDeletion(string entry, string? planned) =>
        new(StoreName, entry, $"is scheduled for deletion{(planned is null ? "" : $" (at {planned})")}, so its name cannot be used; "
            + "restore it (kms:RestoreSecret) or choose another entry name");

    private static Dictionary<string, string> Properties(string entry, SecretVersion version) =>
        version.DataType == "text"
            ? SecretDataContent.Parse(entry, version.Data)
            : throw new StoreException(StoreName, entry, $"holds {version.DataType} SecretData, not a JSON object of string properties as text; fix or delete the secret");

    private static string Payload(string entry, Dictionary<string, string> content)
    {
        var secretData = SecretDataContent.Format(content);
        EntrySizeLimit.Check(StoreName, entry, System.Text.Encoding.UTF8.GetByteCount(secretData), MaxSecretDataBytes, "bytes", content.Count);
        return secretData;
    }

    /// <summary>KMS takes up to 64 characters; one id per write, reused by every retry of that write.</summary>
    private static string NewVersionId() => Guid.NewGuid().ToString("N");
}
