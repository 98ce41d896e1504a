namespace PostRenderer.Core.Yaml;

/// <summary>
/// A stable merge sort of mapping entries by key: scalar keys in ordinal order, then non-scalar keys (rare) in
/// their original order. Written out rather than LINQ's OrderBy because those generic instantiations over
/// value types are not precompiled and cost start-up time in JIT compilation on every run.
/// </summary>
internal static class EntrySort
{
    public static void ByKey(List<KeyValuePair<Node, Node>> entries)
    {
        if (IsSorted(entries))
        {
            return;
        }

        var items = entries.ToArray();
        var scratch = new KeyValuePair<Node, Node>[items.Length];
        MergeSort(items, scratch, 0, items.Length);
        entries.Clear();
        entries.AddRange(items);
    }

    private static bool IsSorted(List<KeyValuePair<Node, Node>> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (Compare(entries[i - 1], entries[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void MergeSort(KeyValuePair<Node, Node>[] items, KeyValuePair<Node, Node>[] scratch, int from, int to)
    {
        if (to - from < 2)
        {
            return;
        }

        var middle = from + ((to - from) / 2);
        MergeSort(items, scratch, from, middle);
        MergeSort(items, scratch, middle, to);
        Array.Copy(items, from, scratch, from, to - from);
        int left = from, right = middle, at = from;
        while (left < middle && right < to)
        {
            // "<= 0" takes the left run first on ties, which is what keeps the sort stable.
            items[at++] = Compare(scratch[left], scratch[right]) <= 0 ? scratch[left++] : scratch[right++];
        }

        while (left < middle)
        {
            items[at++] = scratch[left++];
        }

        while (right < to)
        {
            items[at++] = scratch[right++];
        }
    }

    private static int Compare(KeyValuePair<Node, Node> a, KeyValuePair<Node, Node> b) => (a.Key, b.Key) switch
    {
        (ScalarNode x, ScalarNode y) => string.CompareOrdinal(x.Value, y.Value),
        (ScalarNode, _) => -1,
        (_, ScalarNode) => 1,
        _ => 0,
    };
}
