using System.Globalization;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// What go-yaml v2 (the reader inside sigs.k8s.io/yaml, so kubectl and helm) makes of a plain scalar: its resolve
/// table, followed to the letter (booleans y/yes/on/n/off in three spellings, nulls, octal <c>0755</c>, underscores
/// anywhere in a number, <c>0b</c>/<c>0o</c>/<c>0x</c> prefixes, YAML-style floats, dates kept as strings), and the
/// string sigs.k8s.io/yaml makes of it when it is a mapping key.
/// </summary>
internal static class GoYamlResolver
{
    private static readonly Dictionary<string, ResolvedKind> Words = new(StringComparer.Ordinal)
    {
        ["y"] = ResolvedKind.True,
        ["Y"] = ResolvedKind.True,
        ["yes"] = ResolvedKind.True,
        ["Yes"] = ResolvedKind.True,
        ["YES"] = ResolvedKind.True,
        ["true"] = ResolvedKind.True,
        ["True"] = ResolvedKind.True,
        ["TRUE"] = ResolvedKind.True,
        ["on"] = ResolvedKind.True,
        ["On"] = ResolvedKind.True,
        ["ON"] = ResolvedKind.True,
        ["n"] = ResolvedKind.False,
        ["N"] = ResolvedKind.False,
        ["no"] = ResolvedKind.False,
        ["No"] = ResolvedKind.False,
        ["NO"] = ResolvedKind.False,
        ["false"] = ResolvedKind.False,
        ["False"] = ResolvedKind.False,
        ["FALSE"] = ResolvedKind.False,
        ["off"] = ResolvedKind.False,
        ["Off"] = ResolvedKind.False,
        ["OFF"] = ResolvedKind.False,
        [""] = ResolvedKind.Null,
        ["~"] = ResolvedKind.Null,
        ["null"] = ResolvedKind.Null,
        ["Null"] = ResolvedKind.Null,
        ["NULL"] = ResolvedKind.Null,
        [".nan"] = ResolvedKind.NaN,
        [".NaN"] = ResolvedKind.NaN,
        [".NAN"] = ResolvedKind.NaN,
        [".inf"] = ResolvedKind.PositiveInfinity,
        [".Inf"] = ResolvedKind.PositiveInfinity,
        [".INF"] = ResolvedKind.PositiveInfinity,
        ["+.inf"] = ResolvedKind.PositiveInfinity,
        ["+.Inf"] = ResolvedKind.PositiveInfinity,
        ["+.INF"] = ResolvedKind.PositiveInfinity,
        ["-.inf"] = ResolvedKind.NegativeInfinity,
        ["-.Inf"] = ResolvedKind.NegativeInfinity,
        ["-.INF"] = ResolvedKind.NegativeInfinity,
        ["<<"] = ResolvedKind.Merge,
    };

    private const int LongestWord = 5;

    /// <summary>The type go-yaml gives a plain scalar with this text; for numbers, also the value.</summary>
    public static Resolved Resolve(string plain)
    {
        // go-yaml's hint: only these first characters can start anything but a string.
        var hint = plain.Length == 0 ? 'N' : plain[0];
        var maybeWord = hint is 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' or '.' or '+' or '-' or '<';
        // Every word is at most five characters long ("false", "+.inf"): longer keys and values skip the hash.
        if (maybeWord && plain.Length <= LongestWord && Words.TryGetValue(plain, out var word))
        {
            return new Resolved(word, 0, 0);
        }

        if (hint == '.')
        {
            return TryParseGoFloat(plain, out var dotted) ? new Resolved(ResolvedKind.Float, 0, dotted) : Resolved.String;
        }

        if (!(char.IsAsciiDigit(hint) || hint is '+' or '-'))
        {
            return Resolved.String;
        }

        // go-yaml tries a date first, but a text that is one (four digits, '-', ...) is no number either, and it
        // decodes dates into interface{} as the text they were: for Kubernetes they are strings.
        var digits = plain.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInteger(digits, out var integer))
        {
            return integer >= long.MinValue && integer <= long.MaxValue
                ? new Resolved(ResolvedKind.Int, (long)integer, 0)
                : new Resolved(ResolvedKind.UnsignedInt, 0, (double)(ulong)integer);
        }

        return IsYamlStyleFloat(digits) && TryParseGoFloat(digits, out var number) ? new Resolved(ResolvedKind.Float, 0, number) : Resolved.String;
    }

    /// <summary>True when go-yaml reads a plain scalar with this text as a string (a date counts: it stays one).</summary>
    public static bool IsString(string plain) => Resolve(plain).Kind == ResolvedKind.String;

    /// <summary>
    /// The JSON object key sigs.k8s.io/yaml makes of a plain mapping key; null when it refuses the key (null,
    /// a number beyond int64, a merge key where a key is expected).
    /// </summary>
    public static string? JsonKey(string plain)
    {
        var resolved = Resolve(plain);
        return resolved.Kind switch
        {
            ResolvedKind.String => plain,
            ResolvedKind.True => "true",
            ResolvedKind.False => "false",
            ResolvedKind.Int => resolved.Integer.ToString(CultureInfo.InvariantCulture),
            ResolvedKind.Float => GoFloatFormat.Shortest32(resolved.Number),
            ResolvedKind.NaN => ".nan",
            ResolvedKind.PositiveInfinity => ".inf",
            ResolvedKind.NegativeInfinity => "-.inf",
            _ => null,
        };
    }

    /// <summary>
    /// Go's strconv.ParseInt(s, 0, 64) and then ParseUint(s, 0, 64), as one value. In 128 bits, not a BigInteger:
    /// System.Runtime.Numerics is outside the composite precompiled image, and with it (and a span lookup of the word
    /// table) the JIT log showed this class compiled at run time, unoptimised, for the whole of a 21 MB render.
    /// </summary>
    private static bool TryParseGoInteger(string text, out Int128 value)
    {
        value = default;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        var radix = 10;
        if (span[0] == '0')
        {
            var prefix = span.Length >= 3 ? char.ToLowerInvariant(span[1]) : '\0';
            radix = prefix switch
            {
                'b' => 2,
                'o' => 8,
                'x' => 16,
                _ => 8,
            };
            span = span[(prefix is 'b' or 'o' or 'x' ? 2 : 1)..];
        }

        UInt128 magnitude = 0;
        foreach (var c in span)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * (uint)radix) + (uint)digit;
            if (magnitude > ulong.MaxValue)
            {
                return false; // beyond what either parse takes, whatever digits follow
            }
        }

        value = negative ? -(Int128)magnitude : (Int128)magnitude;
        // ParseInt takes int64; ParseUint takes what is left up to uint64 (never a negative number).
        return !negative || value >= long.MinValue;
    }

    /// <summary>go-yaml's yamlStyleFloat: <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
    private static bool IsYamlStyleFloat(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var integerDigits = CountDigits(text, ref i);
        if (integerDigits == 0)
        {
            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }
        else if (i < text.Length && text[i] == '.')
        {
            i++;
            CountDigits(text, ref i);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>
    /// Go's strconv.ParseFloat for the texts that reach it here (decimal, with an optional sign, point and exponent;
    /// a text starting with '.' may also be Go's hexadecimal or inf/nan spelling, which go-yaml would take too).
    /// </summary>
    private static bool TryParseGoFloat(string text, out double value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        // Go's ParseFloat fails on overflow (1e999), and go-yaml then keeps the text as a string.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && IsYamlStyleFloat(text) && double.IsFinite(value);
    }
}
