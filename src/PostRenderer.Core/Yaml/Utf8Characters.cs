using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// allowed"): C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL; U+FFFE and U+FFFF. Else
    /// -1. The text is valid UTF-8. Every byte of the stream passes here, so 16 at a time: a byte that may start such
    /// a character (a control, DEL, or the leads 0xC2 and 0xEF, which no other character's bytes can be) is rare.
    /// </summary>
    public static int IndexOfRefused(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var bytes = ref MemoryMarshal.GetReference(utf8);
            for (; at + Vector128<byte>.Count <= utf8.Length; at += Vector128<byte>.Count)
            {
                var block = Vector128.LoadUnsafe(ref bytes, (nuint)at);
                var allowedControl = Vector128.Equals(block, Vector128.Create((byte)'\t')) | Vector128.Equals(block, Vector128.Create((byte)'\n'))
                    | Vector128.Equals(block, Vector128.Create((byte)'\r'));
                var suspect = Vector128.AndNot(Vector128.LessThan(block, Vector128.Create((byte)0x20)), allowedControl)
                    | Vector128.Equals(block, Vector128.Create((byte)0x7F)) | Vector128.Equals(block, Vector128.Create((byte)0xC2))
                    | Vector128.Equals(block, Vector128.Create((byte)0xEF));
                for (var found = suspect.ExtractMostSignificantBits(); found != 0; found &= found - 1)
                {
                    var candidate = at + BitOperations.TrailingZeroCount(found);
                    if (IsRefusedAt(utf8[candidate..]))
                    {
                        return candidate;
                    }
                }
            }
        }

        return IndexOfRefusedOneByOne(utf8, at);
    }

    /// <summary><see cref="IndexOfRefused"/> a byte at a time from <paramref name="from"/>: its tail, and its twin in tests.</summary>
    internal static int IndexOfRefusedOneByOne(ReadOnlySpan<byte> utf8, int from)
    {
        for (var at = from; at < utf8.Length; at++)
        {
            var mayStart = utf8[at] is < 0x20 and not ((byte)'\t' or (byte)'\n' or (byte)'\r') or 0x7F or 0xC2 or 0xEF;
            if (mayStart && IsRefusedAt(utf8[at..]))
            {
                return at;
            }
        }

        return -1;
    }

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
