namespace PostRenderer.Core.Yaml;

/// <summary><see cref="ScalarStyleRules"/>' character tests on UTF-8 bytes, so that a reader over bytes needs no decoding to make them.</summary>
internal static class Utf8Characters
{
    /// <summary>True when the text holds a character only a double-quoted scalar can hold (<see cref="ScalarStyleRules.ContainsEscaped"/>).</summary>
    public static bool ContainsEscaped(ReadOnlySpan<byte> utf8) => FindsOutsidePrintableAscii(utf8, tabOrNewlineCounts: false);

    /// <summary>True when the text holds a character no plain scalar can (<see cref="ScalarStyleRules.ContainsNonPlain"/>).</summary>
    public static bool ContainsNonPlain(ReadOnlySpan<byte> utf8) => FindsOutsidePrintableAscii(utf8, tabOrNewlineCounts: true);

    /// <summary>
    /// Where the first character is that go-yaml's reader refuses in any input ("control characters are not
    /// allowed"): C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL; U+FFFE and U+FFFF. Else -1.
    /// </summary>
    public static int IndexOfRefused(ReadOnlySpan<byte> utf8)
    {
        var from = 0;
        while (utf8[from..].IndexOfAny(RefusedOrItsLead) is var i and >= 0)
        {
            var at = from + i;
            if (IsRefusedAt(utf8[at..]))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    // Every refused byte, and the first bytes of the refused characters above U+007F (0xC2 also starts NEL and
    // U+00A0..U+00BF, 0xEF most of U+F000..U+FFFD: IsRefusedAt tells them apart).
    private static readonly System.Buffers.SearchValues<byte> RefusedOrItsLead = System.Buffers.SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F, 0xC2, 0xEF]);

    private static bool IsRefusedAt(ReadOnlySpan<byte> utf8) => utf8[0] switch
    {
        0xC2 => utf8.Length > 1 && utf8[1] is >= 0x80 and <= 0x9F and not 0x85,
        0xEF => utf8.StartsWith("\uFFFE"u8) || utf8.StartsWith("\uFFFF"u8),
        _ => true,
    };

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
