namespace PostRenderer.Core.Yaml;

/// <summary>
/// Decides how a scalar can be written so that it reads back with the same value and the same type,
/// under YAML 1.1 (go-yaml, which Kubernetes uses) and YAML 1.2 alike.
/// </summary>
public static class ScalarStyleRules
{
    private static readonly HashSet<string> SpecialWords = new(StringComparer.Ordinal)
    {
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "<<", "=",
    };

    /// <summary>True when the text can stand as a plain scalar in block context and reads back unchanged.</summary>
    public static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || IsBlank(value[0]) || IsBlank(value[^1]))
        {
            return false;
        }

        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        var first = value[0];
        if ("?:,[]{}#&*!|>'\"%@`".Contains(first, StringComparison.Ordinal))
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

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (NeedsEscape(c) || c is '\t' or '\n')
            {
                return false;
            }

            if (c == ':' && i + 1 < value.Length && IsBlank(value[i + 1]))
            {
                return false;
            }

            if (c == '#' && IsBlank(value[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when a plain scalar with this text resolves to a string (not null, bool, number or date).</summary>
    public static bool ResolvesToString(string value)
    {
        if (value.Length == 0 || SpecialWords.Contains(value))
        {
            return false;
        }

        var first = value[0];
        if (char.IsAsciiDigit(first) || first == '.')
        {
            return false;
        }

        if ((first == '+' || first == '-') && value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] == '.'))
        {
            return false;
        }

        return true;
    }

    /// <summary>True when the text can be a literal block scalar (<c>|</c>) that reads back unchanged.</summary>
    public static bool IsLiteralSafe(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) || value.AsSpan().TrimStart("\n").IsEmpty)
        {
            return false;
        }

        var lineStart = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] != '\n')
            {
                if (NeedsEscape(value[i]))
                {
                    return false;
                }

                continue;
            }

            // Trailing white space is invisible in review and fragile in editors; such text is double-quoted.
            if (i > lineStart && IsBlank(value[i - 1]))
            {
                return false;
            }

            lineStart = i + 1;
        }

        return true;
    }

    /// <summary>Characters a double-quoted scalar must escape; no other style can hold them.</summary>
    public static bool NeedsEscape(char c) =>
        c < ' ' && c != '\n' && c != '\t'
        || c == '\x7F'
        || c is >= '\x80' and <= '\x9F'
        || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
