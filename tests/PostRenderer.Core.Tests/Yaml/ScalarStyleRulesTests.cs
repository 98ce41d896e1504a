using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>
/// The style rules search whole values at once; these tests hold them to the plain character-by-character
/// definitions they replaced, over every character and over generated values.
/// </summary>
public sealed class ScalarStyleRulesTests
{
    private const string Alphabet = "ab:# \t\n-?'\"\u0085\u2028\uFEFF\u00e9\u0001\u007f{}|>";

    [Fact]
    public void ContainsEscaped_finds_every_character_NeedsEscape_accepts_wherever_it_is()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "ab\n" + (char)c + "cd";
            Assert.True(ScalarStyleRules.NeedsEscape((char)c) == ScalarStyleRules.ContainsEscaped(text), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Plain_and_literal_safety_match_their_character_by_character_definitions()
    {
        var random = new Random(5);
        for (var i = 0; i < 50_000; i++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            Assert.True(PlainSafeByDefinition(value) == ScalarStyleRules.IsPlainSafe(value), Describe(value));
            Assert.True(LiteralSafeByDefinition(value) == ScalarStyleRules.IsLiteralSafe(value), Describe(value));
            Assert.True(value.Any(ScalarStyleRules.NeedsEscape) == ScalarStyleRules.ContainsEscaped(value), Describe(value));
        }
    }

    [Theory]
    [InlineData("http://example.com:8080/x", true)]
    [InlineData("a: b", false)]
    [InlineData("a #b", false)]
    [InlineData("a#b", true)]
    [InlineData("ends:", false)]
    [InlineData("tab\there", false)]
    [InlineData("nel\u0085", false)]
    public void Plain_safety_examples(string value, bool safe) => Assert.Equal(safe, ScalarStyleRules.IsPlainSafe(value));

    private static string Describe(string value) => string.Concat(value.Select(c => $"\\u{(int)c:X4}"));

    private static bool PlainSafeByDefinition(string value)
    {
        if (value.Length == 0 || IsBlank(value[0]) || IsBlank(value[^1])
            || value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal)
            || "?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)
            || (value[0] == '-' && (value.Length == 1 || IsBlank(value[1])))
            || value[^1] == ':')
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (ScalarStyleRules.NeedsEscape(c) || c is '\t' or '\n'
                || (c == ':' && i + 1 < value.Length && IsBlank(value[i + 1]))
                || (c == '#' && IsBlank(value[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LiteralSafeByDefinition(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) || value.AsSpan().TrimStart("\n").IsEmpty)
        {
            return false;
        }

        // The first line of content decides the block's indentation; libyaml and go-yaml refuse a tab there.
        if (value.AsSpan().TrimStart("\n")[0] == '\t')
        {
            return false;
        }

        var lineStart = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] != '\n')
            {
                if (ScalarStyleRules.NeedsEscape(value[i]))
                {
                    return false;
                }

                continue;
            }

            if (i > lineStart && IsBlank(value[i - 1]))
            {
                return false;
            }

            lineStart = i + 1;
        }

        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
