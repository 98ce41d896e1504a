using System.Numerics;
using System.Text.RegularExpressions;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>
/// The hand-written spelling checks (loops, so that the precompiled image holds them) held to the patterns they
/// replaced, and the 128-bit integer parse of the resolver to a BigInteger one, over every short text of a
/// number's alphabet and random longer ones.
/// </summary>
public sealed class PlainScalarAgreementTests
{
    private static readonly Regex AgreedInteger = new("^(?:[-+]?(?:0|[1-9][0-9]*)|[-+]?0[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?0b[01]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex AgreedFloat = new("^(?:[-+]?[0-9]+\\.[0-9]*(?:[eE][-+][0-9]+)?|\\.[0-9]+(?:[eE][-+][0-9]+)?)$", RegexOptions.CultureInvariant);
    private const string Alphabet = "0179+-.eExXbBaF_:o";

    [Fact]
    public void Integer_and_float_spellings_match_the_patterns()
    {
        foreach (var text in Texts())
        {
            Assert.True(AgreedInteger.IsMatch(text) == PlainScalarAgreement.IsAgreedInteger(text), $"integer: '{text}'");
            Assert.True(AgreedFloat.IsMatch(text) == PlainScalarAgreement.IsAgreedFloat(text), $"float: '{text}'");
        }
    }

    [Theory]
    [InlineData("9223372036854775807", "Int")]
    [InlineData("-9223372036854775808", "Int")]
    [InlineData("-9223372036854775809", "Float")]
    [InlineData("9223372036854775808", "UnsignedInt")]
    [InlineData("18446744073709551615", "UnsignedInt")]
    [InlineData("0xFFFFFFFFFFFFFFFF", "UnsignedInt")]
    [InlineData("18446744073709551616", "Float")]
    [InlineData("0x10000000000000000", "String")]
    [InlineData("0b1111111111111111111111111111111111111111111111111111111111111111111", "String")]
    [InlineData("+_1", "Int")]
    [InlineData("-_0x1F", "Int")]
    [InlineData("0755", "Int")]
    [InlineData("0o17", "Int")]
    [InlineData("089", "Float")]
    public void Integers_resolve_at_the_edges_of_64_bits_as_go_yaml_does(string text, string kind) =>
        Assert.Equal(kind, GoYamlResolver.Resolve(text).Kind.ToString());

    [Fact]
    public void Integer_values_match_a_big_integer_parse()
    {
        foreach (var text in Texts().Where(text => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '+' or '-')))
        {
            var resolved = GoYamlResolver.Resolve(text);
            var expected = BigIntegerParse(text.Replace("_", "", StringComparison.Ordinal));
            if (resolved.Kind == ResolvedKind.Int)
            {
                Assert.True(expected == resolved.Integer, $"'{text}': {resolved.Integer}, expected {expected}");
            }
            else if (resolved.Kind == ResolvedKind.UnsignedInt)
            {
                Assert.True(expected is { } big && (double)big == resolved.Number, $"'{text}'");
            }
            else
            {
                Assert.True(expected is null || expected < long.MinValue || expected > ulong.MaxValue, $"'{text}' is {resolved.Kind}, but parses as {expected}");
            }
        }
    }

    /// <summary>Go's ParseInt/ParseUint with base 0, as the resolver did it before (BigInteger, no early stop).</summary>
    private static BigInteger? BigIntegerParse(string text)
    {
        var span = text.AsSpan();
        var negative = span.Length > 0 && span[0] == '-';
        span = span.Length > 0 && span[0] is '+' or '-' ? span[1..] : span;
        if (span.IsEmpty)
        {
            return null;
        }

        var radix = 10;
        if (span[0] == '0')
        {
            var prefix = span.Length >= 3 ? char.ToLowerInvariant(span[1]) : '\0';
            radix = prefix switch { 'b' => 2, 'o' => 8, 'x' => 16, _ => 8 };
            span = span[(prefix is 'b' or 'o' or 'x' ? 2 : 1)..];
        }

        BigInteger magnitude = 0;
        foreach (var c in span)
        {
            var digit = c switch { >= '0' and <= '9' => c - '0', >= 'a' and <= 'z' => c - 'a' + 10, >= 'A' and <= 'Z' => c - 'A' + 10, _ => 99 };
            if (digit >= radix)
            {
                return null;
            }

            magnitude = (magnitude * radix) + digit;
        }

        return negative ? -magnitude : magnitude;
    }

    private static IEnumerable<string> Texts()
    {
        var texts = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
        {
            foreach (var text in texts.Where(text => text.Length == length - 1).ToList())
            {
                texts.AddRange(Alphabet.Select(c => text + c));
            }
        }

        var random = new Random(20261206);
        for (var i = 0; i < 20000; i++)
        {
            var length = random.Next(5, 70);
            texts.Add(new string(Enumerable.Range(0, length).Select(_ => random.Next(4) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('0' + random.Next(10))).ToArray()));
        }

        return texts;
    }
}
