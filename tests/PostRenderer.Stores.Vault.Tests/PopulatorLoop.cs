using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>What the populator does per entry: read, add the missing keys (never overwrite), TryWrite, repeat on conflict.</summary>
internal static class PopulatorLoop
{
    /// <returns>How many writes lost a check-and-set race.</returns>
    public static async Task<int> AddMissingAsync(ISecretStore store, string entry, IReadOnlyDictionary<string, string> wanted, Func<Task>? afterFirstRead = null)
    {
        var conflicts = 0;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var current = await store.ReadAsync(entry, CancellationToken.None);
            if (attempt == 0 && afterFirstRead is not null)
            {
                await afterFirstRead();
            }

            var merged = new Dictionary<string, string>(current?.Properties ?? new Dictionary<string, string>());
            foreach (var (key, value) in wanted)
            {
                merged.TryAdd(key, value);
            }

            if (await store.TryWriteAsync(entry, merged, current, CancellationToken.None))
            {
                return conflicts;
            }

            conflicts++;
        }

        throw new InvalidOperationException("the read-merge-write loop did not converge");
    }
}
