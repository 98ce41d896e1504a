namespace PostRenderer.Core.Population;

/// <summary>
/// A secret store as population needs it: read an entry, write an entry whole. The merge, the
/// never-overwrite rule, retries of conflicts and the concurrency bound live in the populator, once.
/// </summary>
public interface ISecretStore : IDisposable
{
    /// <summary>The backend's name for messages ("vault", "aws", ...).</summary>
    string Name { get; }

    /// <summary>
    /// True when <see cref="TryWriteAsync"/> itself detects a concurrent change (Vault KV v2 check-and-set).
    /// When false the populator re-reads after writing and merges again if a concurrent write dropped a key.
    /// </summary>
    bool HasCompareAndSet { get; }

    /// <summary>
    /// How many requests a run keeps in flight to this store, given the configured <c>concurrency</c>. That bound is
    /// for stores reached over the network; a store whose requests cost no round trip may take more.
    /// </summary>
    int RequestsInFlight(int configured) => configured;

    /// <summary>Reads an entry; null when it does not exist. Throws <see cref="Errors.StoreException"/>.</summary>
    Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken);

    /// <summary>
    /// Writes all <paramref name="properties"/> as the entry's new content. <paramref name="expected"/> is what
    /// <see cref="ReadAsync"/> returned (null: the entry did not exist, so create it). Returns false when the
    /// store reports that the entry changed since (a check-and-set mismatch, or it was created meanwhile);
    /// the populator then reads again and merges. Throws <see cref="Errors.StoreException"/> on failure.
    /// </summary>
    Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken);
}
