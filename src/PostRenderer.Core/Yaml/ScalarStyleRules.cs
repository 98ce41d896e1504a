namespace PostRenderer.Core.Yaml;

/// <summary>
/// Decides how a scalar can be written so that it reads back with the same value and the same type,
/// under YAML 1.1 (go-yaml, which Kubernetes uses) and YAML 1.2 alike.
/// </summary>
internal static class ScalarStyleRules
{
    private static readonly HashSet<string> SpecialWords = new(StringComparer.Ordinal)
    {
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "<<", "=",
    };

    /// <summary>The length of the longest special word ("false", "FALSE"): longer plain text is never one.</summary>
    internal const int LongestSpecialWord = 5;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpecialWordLookup = SpecialWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the text can stand as a plain scalar in block context and reads back unchanged.</summary>
    public static bool IsPlainSafe(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || IsBlank(value[0]) || IsBlank(value[^1]))
        {
            return false;
        }

        if (value.StartsWith("---") || value.StartsWith("..."))
        {
            return false;
        }

        var first = value[0];
        if ("?:,[]{}#&*!|>'\"%@`".Contains(first))
        {
            return false;
        }

        if (first == '-' && (value.Length == 1 || IsBlank(value[1])))
        {
            return false;
        }

        if (value[^1] == ':')
        {
            return false;
        }

        if (ContainsNonPlain(value))
        {
            return false;
        }

        // Only ':' and '#' need a look at their neighbours.
        var i = value.IndexOfAny(':', '#');
        while (i >= 0)
        {
            var allowed = value[i] == ':' ? i + 1 == value.Length || !IsBlank(value[i + 1]) : !IsBlank(value[i - 1]);
            if (!allowed)
            {
                return false;
            }

            var next = value[(i + 1)..].IndexOfAny(':', '#');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }

    /// <summary>
    /// True when a blank is followed by '*' or '&amp;' ("a *b"): YamlDotNet takes that for an alias or an anchor when
    /// the text is a plain key, and reads the whole line as one scalar ("a *b:"). Such a key is written quoted.
    /// </summary>
    public static bool HasBlankBeforeAliasOrAnchor(ReadOnlySpan<char> value)
    {
        for (var i = value.IndexOfAny('*', '&'); i >= 0; i = value[(i + 1)..].IndexOfAny('*', '&') is var next and >= 0 ? i + 1 + next : -1)
        {
            if (i > 0 && IsBlank(value[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a plain scalar with this text resolves to a string (not null, bool, number or date).</summary>
    public static bool ResolvesToString(ReadOnlySpan<char> value)
    {
        // The special words are all short: most values skip the hash lookup.
        if (value.Length == 0 || (value.Length <= LongestSpecialWord && SpecialWordLookup.Contains(value)))
        {
            return false;
        }

        var first = value[0];
        if (char.IsAsciiDigit(first) || first == '.')
        {
            return false;
        }

        // go-yaml drops every '_' before reading a number: "+_1" is 1, "-_0x1F" is -31.
        if ((first == '+' || first == '-') && value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] is '.' or '_'))
        {
            return false;
        }

        return true;
    }

    /// <summary>True when the text can be a literal block scalar (<c>|</c>) that reads back unchanged.</summary>
    public static bool IsLiteralSafe(ReadOnlySpan<char> value)
    {
        if (!value.Contains('\n') || value.TrimStart('\n').IsEmpty)
        {
            return false;
        }

        // A block's indentation is read from its first line: libyaml and go-yaml refuse a tab where it starts.
        if (ContainsEscaped(value) || value.TrimStart('\n')[0] == '\t')
        {
            return false;
        }

        // Trailing white space is invisible in review and fragile in editors; such text is double-quoted.
        var lineStart = 0;
        while (lineStart <= value.Length)
        {
            var newline = value[lineStart..].IndexOf('\n');
            var lineEnd = newline < 0 ? value.Length : lineStart + newline;
            if (lineEnd > lineStart && IsBlank(value[lineEnd - 1]))
            {
                return false;
            }

            lineStart = lineEnd + 1;
        }

        return true;
    }

    /// <summary>True when the text holds a character only a double-quoted scalar can hold.</summary>
    public static bool ContainsEscaped(ReadOnlySpan<char> text) => FindsOutsidePrintableAscii(text, tabOrNewlineCounts: false);

    /// <summary>True when the text holds a character no plain scalar can: a tab, a newline, or one only double quotes can hold.</summary>
    public static bool ContainsNonPlain(ReadOnlySpan<char> text) => FindsOutsidePrintableAscii(text, tabOrNewlineCounts: true);

    private static bool FindsOutsidePrintableAscii(ReadOnlySpan<char> text, bool tabOrNewlineCounts)
    {
        // Jump between characters outside printable ASCII (in PEM text, only the newlines) and test just those.
        var i = text.IndexOfAnyExceptInRange(' ', '~');
        while (i >= 0)
        {
            if (NeedsEscape(text[i]) || (tabOrNewlineCounts && text[i] is '\t' or '\n'))
            {
                return true;
            }

            text = text[(i + 1)..];
            i = text.IndexOfAnyExceptInRange(' ', '~');
        }

        return false;
    }

    /// <summary>Characters a double-quoted scalar must escape; no other style can hold them.</summary>
    public static bool NeedsEscape(char c) =>
        c < ' ' && c != '\n' && c != '\t'
        || c == '\x7F'
        || c is >= '\x80' and <= '\x9F'
        || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
