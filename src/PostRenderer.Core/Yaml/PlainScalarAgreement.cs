using System.Globalization;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Writes a plain scalar so that go-yaml (Kubernetes) and libyaml's YAML 1.1 reading (PyYAML, yq, Ansible) take it
/// for the same value: a go-yaml string that YAML 1.1 or 1.2 could read as something else becomes a quoted string
/// (<c>20:03:20</c>); a go-yaml boolean or number in a spelling libyaml reads otherwise becomes its plain canonical
/// spelling (<c>y</c> is <c>true</c>, <c>1e3</c> is <c>1000.0</c>, <c>+_1</c> is <c>1</c>). Kubernetes gets the same
/// JSON either way; every other plain scalar is left as it was written.
/// </summary>
internal static class PlainScalarAgreement
{
    /// <summary>The scalar to write for a plain, untagged scalar that go-yaml resolved as it is.</summary>
    public static ScalarNode Agree(ScalarNode plain)
    {
        var value = plain.Value;
        // Only these first characters can make any YAML 1.1 or go-yaml reader see anything but a string.
        if (value.Length == 0 || !MayStartOtherThanString(value[0]))
        {
            return plain;
        }

        // Ports, replicas, counts: a plain decimal integer reads alike everywhere, no closer look needed.
        if (IsPlainDecimal(value))
        {
            return plain;
        }

        var resolved = GoYamlResolver.Resolve(value);
        return resolved.Kind switch
        {
            ResolvedKind.String => MayReadAsOtherThanString(value) ? ScalarNode.String(value) : plain,
            ResolvedKind.True => value is "y" or "Y" ? ScalarNode.Plain("true") : plain,
            ResolvedKind.False => value is "n" or "N" ? ScalarNode.Plain("false") : plain,
            ResolvedKind.Int => IsAgreedInteger(value) ? plain : ScalarNode.Plain(resolved.Integer.ToString(CultureInfo.InvariantCulture)),
            ResolvedKind.Float => IsAgreedFloat(value) ? plain : ScalarNode.Plain(CanonicalFloat(resolved.Number)),
            _ => plain,
        };
    }

    /// <summary>
    /// For a go-yaml string: whether another reader could take it for a number, a time or a date. Those are spelled
    /// with digits, signs, points, colons, spaces and the letters of hex digits, exponents and zones only, so
    /// <c>5s</c> or <c>128Mi</c> stay plain, while <c>20:03:20</c> (sexagesimal to YAML 1.1) becomes quoted.
    /// </summary>
    private static bool MayReadAsOtherThanString(string value)
    {
        if (value == "=")
        {
            return true; // YAML 1.1's value key
        }

        if (!(char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsNumberOrTimeCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    // The checks here are loops and patterns, not SearchValues, Regex (System.Text.RegularExpressions is outside the
    // composite precompiled image) or generic span searches: with those, the JIT log showed Agree and its helpers
    // compiled at run time, unoptimised, for the whole of a 21 MB render.
    private static bool MayStartOtherThanString(char c) =>
        char.IsAsciiDigit(c) || c is 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '-' or '+' or '.' or '<' or '~' or '=';

    private static bool IsNumberOrTimeCharacter(char c) =>
        char.IsAsciiDigit(c) || c is '+' or '-' or '.' or '_' or ':' or ' ' or (>= 'a' and <= 'f') or (>= 'A' and <= 'F')
            or 'x' or 'X' or 'o' or 'O' or 't' or 'T' or 'z' or 'Z';

    /// <summary>Every character a number or a time can be spelled with, in any reader (the byte Secret path uses it too).</summary>
    internal const string NumberOrTimeAlphabet = "0123456789+-._: abcdefABCDEFxXoOtTzZ";

    private static bool IsPlainDecimal(string value)
    {
        if (value.Length > 18 || (value[0] == '0' && value.Length > 1))
        {
            return false;
        }

        return CountDigits(value, 0) == value.Length;
    }

    /// <summary>A float spelled with a point, and an exponent with a sign: what YAML 1.1's float pattern takes.</summary>
    private static string CanonicalFloat(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (exponentAt < 0)
        {
            return mantissa;
        }

        var exponent = text[(exponentAt + 1)..];
        return mantissa + "e" + (exponent.StartsWith('-') || exponent.StartsWith('+') ? exponent : "+" + exponent);
    }

    /// <summary>
    /// An integer spelling that go-yaml and YAML 1.1 read as the same number (underscores left out: the two differ
    /// there): <c>[-+]?(0|[1-9][0-9]*)</c>, <c>[-+]?0[0-7]+</c>, <c>[-+]?0x[0-9a-fA-F]+</c> or <c>[-+]?0b[01]+</c>.
    /// </summary>
    internal static bool IsAgreedInteger(string value)
    {
        var at = value.Length > 0 && value[0] is '-' or '+' ? 1 : 0;
        var digits = value.AsSpan(at);
        if (digits.IsEmpty)
        {
            return false;
        }

        if (digits[0] != '0' || digits.Length == 1)
        {
            return CountDigits(value, at) == value.Length;
        }

        var body = digits[1] is 'x' or 'b' ? digits[2..] : digits[1..];
        if (body.IsEmpty)
        {
            return false;
        }

        foreach (var c in body)
        {
            var fits = digits[1] switch
            {
                'x' => char.IsAsciiHexDigit(c),
                'b' => c is '0' or '1',
                _ => c is >= '0' and <= '7',
            };
            if (!fits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A float spelling YAML 1.1 reads as go-yaml does: <c>[-+]?[0-9]+\.[0-9]*([eE][-+][0-9]+)?</c> or
    /// <c>\.[0-9]+([eE][-+][0-9]+)?</c> (a point, and an exponent with a sign).
    /// </summary>
    internal static bool IsAgreedFloat(string value)
    {
        var at = value.Length > 0 && value[0] is '-' or '+' ? 1 : 0;
        var integerEnd = CountDigits(value, at);
        if (integerEnd == at && at > 0)
        {
            return false; // a sign before '.5': YAML 1.1 reads no float there
        }

        if (integerEnd >= value.Length || value[integerEnd] != '.')
        {
            return false;
        }

        var fractionEnd = CountDigits(value, integerEnd + 1);
        if (integerEnd == at && fractionEnd == integerEnd + 1)
        {
            return false; // '.' alone
        }

        if (fractionEnd == value.Length)
        {
            return true;
        }

        if (value[fractionEnd] is not ('e' or 'E') || fractionEnd + 1 >= value.Length || value[fractionEnd + 1] is not ('-' or '+'))
        {
            return false;
        }

        var exponentEnd = CountDigits(value, fractionEnd + 2);
        return exponentEnd > fractionEnd + 2 && exponentEnd == value.Length;
    }

    /// <summary>Where the run of ASCII digits that starts at <paramref name="at"/> ends.</summary>
    private static int CountDigits(string value, int at)
    {
        while (at < value.Length && char.IsAsciiDigit(value[at]))
        {
            at++;
        }

        return at;
    }
}
