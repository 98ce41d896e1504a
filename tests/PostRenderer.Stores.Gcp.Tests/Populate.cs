using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// What the populator does for one entry: read, add the missing keys, write whole, and on a conflict (or,
/// without compare-and-set, after every write) read again until every wanted key is in the store.
/// </summary>
internal static class Populate
{
    public static async Task<int> EntryAsync(ISecretStore store, string entry, IReadOnlyDictionary<string, string> wanted, int maxRounds = 50)
    {
        for (var round = 1; round <= maxRounds; round++)
        {
            var current = await store.ReadAsync(entry, CancellationToken.None);
            var merged = new Dictionary<string, string>(current?.Properties ?? new Dictionary<string, string>());
            var missing = wanted.Where(pair => !merged.ContainsKey(pair.Key)).ToList();
            if (missing.Count == 0)
            {
                return round;
            }

            foreach (var (key, value) in missing)
            {
                merged[key] = value;
            }

            if (await store.TryWriteAsync(entry, merged, current, CancellationToken.None) && store.HasCompareAndSet)
            {
                return round;
            }
        }

        throw new InvalidOperationException($"entry {entry} did not converge in {maxRounds} rounds");
    }
}
