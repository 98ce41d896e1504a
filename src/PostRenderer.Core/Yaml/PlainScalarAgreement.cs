using System.Globalization;
using System.Text.RegularExpressions;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Writes a plain scalar so that go-yaml (Kubernetes) and libyaml's YAML 1.1 reading (PyYAML, yq, Ansible) take it
/// for the same value: a go-yaml string that YAML 1.1 or 1.2 could read as something else becomes a quoted string
/// (<c>20:03:20</c>); a go-yaml boolean or number in a spelling libyaml reads otherwise becomes its plain canonical
/// spelling (<c>y</c> is <c>true</c>, <c>1e3</c> is <c>1000.0</c>, <c>+_1</c> is <c>1</c>). Kubernetes gets the same
/// JSON either way; every other plain scalar is left as it was written.
/// </summary>
internal static partial class PlainScalarAgreement
{
    /// <summary>The scalar to write for a plain, untagged scalar that go-yaml resolved as it is.</summary>
    public static ScalarNode Agree(ScalarNode plain)
    {
        var value = plain.Value;
        // Only these first characters can make any YAML 1.1 or go-yaml reader see anything but a string.
        if (value.Length == 0 || !"yYnNtTfFoO-+0123456789.<~=".Contains(value[0], StringComparison.Ordinal))
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
            ResolvedKind.Int => AgreedInteger().IsMatch(value) ? plain : ScalarNode.Plain(resolved.Integer.ToString(CultureInfo.InvariantCulture)),
            ResolvedKind.Float => AgreedFloat().IsMatch(value) ? plain : ScalarNode.Plain(CanonicalFloat(resolved.Number)),
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

        return "-+0123456789.".Contains(value[0], StringComparison.Ordinal)
            && value.AsSpan().IndexOfAnyExcept(NumberOrTimeCharacters) < 0;
    }

    /// <summary>Every character a number or a time can be spelled with, in any reader (the byte Secret path uses it too).</summary>
    internal const string NumberOrTimeAlphabet = "0123456789+-._: abcdefABCDEFxXoOtTzZ";

    private static readonly System.Buffers.SearchValues<char> NumberOrTimeCharacters = System.Buffers.SearchValues.Create(NumberOrTimeAlphabet);

    private static bool IsPlainDecimal(string value) =>
        value.Length <= 18 && (value == "0" || (value[0] is >= '1' and <= '9' && !value.AsSpan().ContainsAnyExceptInRange('0', '9')));

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

    // Integer spellings that go-yaml and YAML 1.1 read as the same number (underscores left out: the two differ there).
    [GeneratedRegex("^(?:[-+]?(?:0|[1-9][0-9]*)|[-+]?0[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?0b[01]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AgreedInteger();

    [GeneratedRegex("^(?:[-+]?[0-9]+\\.[0-9]*(?:[eE][-+][0-9]+)?|\\.[0-9]+(?:[eE][-+][0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex AgreedFloat();
}
