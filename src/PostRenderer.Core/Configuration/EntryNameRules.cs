namespace PostRenderer.Core.Configuration;

/// <summary>The pieces stores build their entry-name rules from, so that every store words a refusal alike.</summary>
public static class EntryNameRules
{
    /// <summary>Each character <paramref name="allowed"/> refuses, replaced as <paramref name="replacement"/> says.</summary>
    public static string Replace(string raw, Func<char, bool> allowed, Func<char, char> replacement)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return string.Create(raw.Length, (raw, allowed, replacement), static (span, state) =>
        {
            for (var i = 0; i < state.raw.Length; i++)
            {
                span[i] = state.allowed(state.raw[i]) ? state.raw[i] : state.replacement(state.raw[i]);
            }
        });
    }

    /// <summary>Refuses the first character outside letters, digits and <paramref name="others"/>.</summary>
    public static void RequireCharacters(string raw, string others, string store, string names = "names")
    {
        ArgumentNullException.ThrowIfNull(raw);
        foreach (var c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || others.Contains(c, StringComparison.Ordinal)))
            {
                throw new EntryNameException($"store entry '{raw}' has '{c}', which {store} does not allow in {names}; fix entryName");
            }
        }
    }

    /// <summary>Refuses a name that is empty or longer than <paramref name="max"/>.</summary>
    public static string Limit(string name, int max, string store)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 && name.Length <= max
            ? name
            : throw new EntryNameException($"store entry '{name}' is {name.Length} characters long; {store} allows 1 to {max}; set a shorter entryName");
    }

    /// <summary>Refuses a path that is empty or has an empty, '.' or '..' segment.</summary>
    public static string RequirePath(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (HasBadSegment(raw.AsSpan(), '/', '.'))
        {
            throw new EntryNameException($"store entry '{raw}' is not a valid path (empty, '.' or '..' segment); fix entryName");
        }

        return raw;
    }

    /// <summary><see cref="RequirePath"/>'s test on UTF-8: not empty, and no empty, '.' or '..' segment.</summary>
    public static bool IsPath(ReadOnlySpan<byte> utf8) => !HasBadSegment(utf8, (byte)'/', (byte)'.');

    // True when a segment between separators (an empty path is one empty segment) is empty, '.' or '..': at most two
    // characters, all dots. Over UTF-16 for RequirePath, over UTF-8 for IsPath.
    private static bool HasBadSegment<T>(ReadOnlySpan<T> path, T separator, T dot)
        where T : IEquatable<T>
    {
        foreach (var segment in path.Split(separator))
        {
            var text = path[segment];
            if (text.Length <= 2 && text.IndexOfAnyExcept(dot) < 0)
            {
                return true;
            }
        }

        return false;
    }
}
