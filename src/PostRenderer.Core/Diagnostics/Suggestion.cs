namespace PostRenderer.Core.Diagnostics;

/// <summary>The "did you mean" of an unknown name: the closest known one by edit distance, when it is close enough to be a typo.</summary>
public static class Suggestion
{
    /// <summary>
    /// The candidate nearest to <paramref name="given"/> (compared ignoring case, '-' and '_'), or null when even the
    /// nearest needs more than a third of the name's letters changed (at least 2 are allowed): then it is no typo.
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        var wanted = Normalize(given);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(wanted, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, wanted.Length / 3) ? best : null;
    }

    /// <summary>" ; did you mean X?" or nothing, for the end of a message.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates) =>
        Closest(given, candidates) is { } closest ? $"; did you mean {closest}?" : "";

    private static string Normalize(string name) =>
        name.TrimStart('-').Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours count 1.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
