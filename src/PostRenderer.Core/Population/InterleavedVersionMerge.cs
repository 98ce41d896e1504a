namespace PostRenderer.Core.Population;

/// <summary>
/// The rule for stores without compare-and-set when another writer's version landed between our read and our write:
/// ours was built without it, so it may have put back values that writer changed. For the keys this write sets, ours
/// stay; for every other key the newest value in the store wins (a password rotated meanwhile is kept, not undone),
/// except that a value a writer merely carried over from the version we read changes nothing: a writer that read
/// before a rotation and stored after it holds the old password, and must not put it back.
/// One instance per write; fold in the interleaved versions oldest first, then write again if anything changed.
/// </summary>
public sealed class InterleavedVersionMerge
{
    private readonly HashSet<string> ours;
    private readonly IReadOnlyDictionary<string, string> read;

    /// <param name="content">What this write stores; updated in place by <see cref="FoldIn"/>.</param>
    /// <param name="expected">The entry as read before the write (null: it did not exist).</param>
    public InterleavedVersionMerge(IReadOnlyDictionary<string, string> content, StoreEntry? expected)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = new Dictionary<string, string>(content, StringComparer.Ordinal);
        read = expected?.Properties ?? new Dictionary<string, string>();
        ours = content
            .Where(pair => !read.TryGetValue(pair.Key, out var was) || !string.Equals(was, pair.Value, StringComparison.Ordinal))
            .Select(pair => pair.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The content to store: ours, with the interleaved versions folded in.</summary>
    public Dictionary<string, string> Content { get; }

    /// <summary>Folds in one version another writer added; true when <see cref="Content"/> changed (so it must be written again).</summary>
    public bool FoldIn(IReadOnlyDictionary<string, string> interleaved)
    {
        ArgumentNullException.ThrowIfNull(interleaved);
        var changed = false;
        foreach (var (key, value) in interleaved)
        {
            if (ours.Contains(key))
            {
                changed |= Content.TryAdd(key, value);
            }
            else if (read.TryGetValue(key, out var carried) && string.Equals(carried, value, StringComparison.Ordinal))
            {
                continue;
            }
            else if (!Content.TryGetValue(key, out var mine) || !string.Equals(mine, value, StringComparison.Ordinal))
            {
                Content[key] = value;
                changed = true;
            }
        }

        return changed;
    }
}
