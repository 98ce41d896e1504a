using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>One KV secrets engine version's reads and writes.</summary>
internal interface IKvEngine
{
    bool HasCompareAndSet { get; }

    Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken);

    Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken);
}
