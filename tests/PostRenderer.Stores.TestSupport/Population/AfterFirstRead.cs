using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport.Population;

/// <summary>
/// A store that runs <paramref name="hook"/> once, after its first read returns: the moment at which a test lets
/// another writer act, so that two writers are made to read before either writes.
/// </summary>
public sealed class AfterFirstRead(ISecretStore inner, Func<Task> hook) : ISecretStore
{
    private int reads;

    public string Name => inner.Name;

    public bool HasCompareAndSet => inner.HasCompareAndSet;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(entry, cancellationToken);
        if (Interlocked.Increment(ref reads) == 1)
        {
            await hook();
        }

        return read;
    }

    public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken) =>
        inner.TryWriteAsync(entry, properties, expected, cancellationToken);

    public void Dispose() => inner.Dispose();
}
