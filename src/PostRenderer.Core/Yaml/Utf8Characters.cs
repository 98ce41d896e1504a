namespace PostRenderer.Core.Yaml;

/// <summary><see cref="ScalarStyleRules"/>' character tests on UTF-8 bytes, so that a reader over bytes needs no decoding to make them.</summary>
internal static class Utf8Characters
{
    /// <summary>True when the text holds a character only a double-quoted scalar can hold (<see cref="ScalarStyleRules.ContainsEscaped"/>).</summary>
    public static bool ContainsEscaped(ReadOnlySpan<byte> utf8) => FindsOutsidePrintableAscii(utf8, tabOrNewlineCounts: false);

    /// <summary>True when the text holds a character no plain scalar can (<see cref="ScalarStyleRules.ContainsNonPlain"/>).</summary>
    public static bool ContainsNonPlain(ReadOnlySpan<byte> utf8) => FindsOutsidePrintableAscii(utf8, tabOrNewlineCounts: true);

    private static bool FindsOutsidePrintableAscii(ReadOnlySpan<byte> utf8, bool tabOrNewlineCounts)
    {
        // Jump between bytes outside printable ASCII and test just those: most values hold none.
        var i = utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~');
        while (i >= 0)
        {
            var rest = utf8[i..];
            if (NeedsEscapeAt(rest) || (tabOrNewlineCounts && rest[0] is (byte)'\t' or (byte)'\n'))
            {
                return true;
            }

            utf8 = rest[1..];
            i = utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~');
        }

        return false;
    }

    /// <summary><see cref="ScalarStyleRules.NeedsEscape"/> for the character that starts at <paramref name="utf8"/>'s first byte.</summary>
    private static bool NeedsEscapeAt(ReadOnlySpan<byte> utf8) => utf8[0] switch
    {
        < 0x20 => utf8[0] is not ((byte)'\n' or (byte)'\t'),
        0x7F => true,
        0xC2 => utf8.Length > 1 && utf8[1] is >= 0x80 and <= 0x9F, // U+0080..U+009F
        0xE2 => utf8.StartsWith("\u2028"u8) || utf8.StartsWith("\u2029"u8),
        0xEF => utf8.StartsWith("\uFEFF"u8) || utf8.StartsWith("\uFFFE"u8) || utf8.StartsWith("\uFFFF"u8),
        _ => false,
    };
}
