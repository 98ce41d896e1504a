using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// What the populator does for one entry: read, add the keys the entry lacks, write; on a reported conflict, or
/// (for a store without compare-and-set) when the read after a write shows a key went missing, go round again.
/// </summary>
internal static class PopulatorLoop
{
    public const int MaxRounds = 10;

    /// <summary>Returns the number of writes it made.</summary>
    public static async Task<int> AddMissingAsync(ISecretStore store, string entry, IReadOnlyDictionary<string, string> wanted)
    {
        var writes = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await store.ReadAsync(entry, CancellationToken.None);
            var merged = new Dictionary<string, string>(current?.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            var missing = wanted.Where(pair => !merged.ContainsKey(pair.Key)).ToList();
            if (missing.Count == 0)
            {
                return writes;
            }

            missing.ForEach(pair => merged[pair.Key] = pair.Value);
            if (await store.TryWriteAsync(entry, merged, current, CancellationToken.None))
            {
                writes++;
                if (store.HasCompareAndSet)
                {
                    return writes;
                }
            }
        }

        throw new InvalidOperationException($"entry {entry} did not settle in {MaxRounds} rounds");
    }
}
