using System.Buffers;
using System.Text;

namespace PostRenderer.Fuzz;

/// <summary>
/// The characters go-yaml's reader refuses in any input ("control characters are not allowed"), read rune by rune
/// as its reader does, independently of the tool's 16-byte search: C0 controls but tab, LF and CR; DEL; C1 controls
/// but NEL; U+FFFE and U+FFFF.
/// </summary>
internal static class GoYamlCharacters
{
    /// <summary>
    /// Where the first refused character starts, and which it is; null when there is none. Invalid UTF-8 is stepped
    /// over a byte at a time, so that a refused character after it is still found.
    /// </summary>
    public static (int At, int Value)? FirstRefused(ReadOnlySpan<byte> utf8)
    {
        for (var at = 0; at < utf8.Length;)
        {
            var status = Rune.DecodeFromUtf8(utf8[at..], out var rune, out var consumed);
            if (status == OperationStatus.Done && !IsRead(rune.Value))
            {
                return (at, rune.Value);
            }

            at += Math.Max(consumed, 1);
        }

        return null;
    }

    private static bool IsRead(int value) =>
        value is 0x09 or 0x0A or 0x0D or (>= 0x20 and <= 0x7E) or 0x85 or (>= 0xA0 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or >= 0x10000;
}
