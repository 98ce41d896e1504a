namespace PostRenderer.Core.Population;

/// <summary>The never-overwrite rule in one place: which properties a write adds, replaces or leaves alone.</summary>
internal sealed record EntryMerge(
    Dictionary<string, string> Merged,
    List<string> Added,
    List<string> Replaced,
    List<string> AlreadyPresent)
{
    public bool ChangesAnything => Added.Count > 0 || Replaced.Count > 0;

    public static EntryMerge Compute(IReadOnlyDictionary<string, string>? existing, IReadOnlyDictionary<string, string> wanted, bool overwriteExisting)
    {
        var merged = existing is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(existing, StringComparer.Ordinal);
        List<string> added = [], replaced = [], present = [];
        foreach (var (property, value) in wanted.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!merged.TryGetValue(property, out var current))
            {
                merged[property] = value;
                added.Add(property);
            }
            else if (overwriteExisting && current != value)
            {
                merged[property] = value;
                replaced.Add(property);
            }
            else
            {
                present.Add(property);
            }
        }

        return new EntryMerge(merged, added, replaced, present);
    }
}
