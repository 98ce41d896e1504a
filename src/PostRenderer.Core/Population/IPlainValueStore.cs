namespace PostRenderer.Core.Population;

/// <summary>
/// A store whose entries can hold one plain value instead of a JSON object of properties (ESO reads such an entry
/// without <c>remoteRef.property</c>). A store implements this beside <see cref="ISecretStore"/> when it can; the
/// populator refuses property-less keys on a store that does not.
/// </summary>
public interface IPlainValueStore
{
    /// <summary>
    /// Reads the entry: its plain value as the one property named "" (so <see cref="StoreEntry"/> serves both kinds), and
    /// its version; null when the entry does not exist. Throws <see cref="Errors.StoreException"/>.
    /// </summary>
    Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="value"/> as the entry's whole content; <paramref name="expected"/> is what
    /// <see cref="ReadPlainAsync"/> returned. False when the entry changed since, as <see cref="ISecretStore.TryWriteAsync"/>.
    /// </summary>
    Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken);
}
