using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Writes scalars of printable ASCII as UTF-8, in the style <see cref="CanonicalEmitter"/> gives them (its own
/// rules decide), for writers that copy a document's scalars from its bytes. It takes only what needs no escape:
/// a plain scalar, or one in double quotes that holds no quote or backslash; anything else is the emitter's.
/// </summary>
internal static class AsciiScalarWriter
{
    /// <summary>Longer scalars are left to the emitter (checking them means copying them to the stack).</summary>
    public const int MaxLength = 1024;

    // Letters, digits and '._/-': the characters of names, keys and entries, which no YAML rule looks at.
    private static readonly SearchValues<byte> WordBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-"u8);

    /// <summary>The style of the scalar; null when it is not this writer's to write.</summary>
    /// <param name="resolved">As for the emitter: the scalar was plain (or tagged), so it may look like a number.</param>
    public static CanonicalStyle? StyleOf(ReadOnlySpan<byte> ascii, bool resolved)
    {
        // Most scalars are such words that start with a letter and are longer than any special word: plain under
        // the rules below, which need not copy them to find that out.
        if (ascii.Length > ScalarStyleRules.LongestSpecialWord && char.IsAsciiLetter((char)ascii[0]) && ascii.IndexOfAnyExcept(WordBytes) < 0)
        {
            Debug.Assert(CanonicalEmitter.StyleOf(Encoding.ASCII.GetString(ascii), resolved, childIndent: 2) == CanonicalStyle.Plain);
            return CanonicalStyle.Plain;
        }

        if (ascii.Length > MaxLength || ascii.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
        {
            return null;
        }

        Span<char> text = stackalloc char[ascii.Length];
        Ascii.ToUtf16(ascii, text, out _);
        return CanonicalEmitter.StyleOf(text, resolved, childIndent: 2) switch
        {
            CanonicalStyle.Plain => CanonicalStyle.Plain,
            CanonicalStyle.DoubleQuoted when ascii.IndexOfAny((byte)'"', (byte)'\\') < 0 => CanonicalStyle.DoubleQuoted,
            _ => null,
        };
    }

    /// <summary>
    /// <paramref name="prefix"/> (the line up to its key's colon), then the value as the emitter writes an entry's
    /// scalar; false, having written nothing, when the value is not this writer's.
    /// </summary>
    public static bool TryWriteEntry(Utf8TextBuffer into, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> value, bool resolved)
    {
        var style = StyleOf(value, resolved);
        if (style is null)
        {
            return false;
        }

        var quoted = style == CanonicalStyle.DoubleQuoted;
        into.Write(prefix);
        into.Write(quoted ? " \""u8 : " "u8);
        into.Write(value);
        if (quoted)
        {
            into.Write((byte)'"');
        }

        into.Write((byte)'\n');
        return true;
    }

    /// <summary>The text as ASCII bytes in <paramref name="into"/>; false when it holds anything else or does not fit.</summary>
    public static bool TryNarrow(string text, Span<byte> into, out int length)
    {
        length = 0;
        return text.Length <= into.Length && Ascii.FromUtf16(text, into, out length) == OperationStatus.Done;
    }
}
