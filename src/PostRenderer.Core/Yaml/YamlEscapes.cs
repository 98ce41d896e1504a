using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>The escapes of a double-quoted YAML scalar, as YamlDotNet and go-yaml both read them.</summary>
internal static class YamlEscapes
{
    /// <summary>After a backslash: 0 for a one-character escape, 2, 4 or 8 for <c>\x</c>, <c>\u</c>, <c>\U</c>'s digits, -1 for no escape.</summary>
    public static int HexDigits(byte escape) => escape switch
    {
        (byte)'x' => 2,
        (byte)'u' => 4,
        (byte)'U' => 8,
        _ => Simple(escape) is null ? -1 : 0,
    };

    /// <summary>The code point that hex <paramref name="digits"/> spell, when it is a Unicode scalar value.</summary>
    public static bool TryCodePoint(ReadOnlySpan<byte> digits, out int codePoint)
    {
        codePoint = 0;
        foreach (var digit in digits)
        {
            var value = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (value < 0 || codePoint > 0x10FFFF)
            {
                return false;
            }

            codePoint = (codePoint * 16) + value;
        }

        return codePoint <= 0x10FFFF && codePoint is not (>= 0xD800 and <= 0xDFFF);
    }

    /// <summary>The text of a double-quoted scalar's content, which <see cref="YamlIndexBuilder"/> has checked.</summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        var builder = new StringBuilder(content.Length);
        while (!content.IsEmpty)
        {
            var backslash = content.IndexOf((byte)'\\');
            var run = backslash < 0 ? content : content[..backslash];
            builder.Append(Encoding.UTF8.GetString(run));
            if (backslash < 0)
            {
                break;
            }

            var escape = content[backslash + 1];
            var digits = HexDigits(escape);
            if (digits == 0)
            {
                builder.Append(Simple(escape));
            }
            else
            {
                TryCodePoint(content.Slice(backslash + 2, digits), out var codePoint);
                builder.Append(char.ConvertFromUtf32(codePoint));
            }

            content = content[(backslash + 2 + Math.Max(digits, 0))..];
        }

        return builder.ToString();
    }

    private static string? Simple(byte escape) => escape switch
    {
        (byte)'0' => "\0",
        (byte)'a' => "\a",
        (byte)'b' => "\b",
        (byte)'t' or (byte)'\t' => "\t",
        (byte)'n' => "\n",
        (byte)'v' => "\v",
        (byte)'f' => "\f",
        (byte)'r' => "\r",
        (byte)'e' => "\x1B",
        (byte)' ' => " ",
        (byte)'"' => "\"",
        (byte)'/' => "/",
        (byte)'\\' => "\\",
        (byte)'N' => "\u0085",
        (byte)'_' => "\u00A0",
        (byte)'L' => "\u2028",
        (byte)'P' => "\u2029",
        _ => null,
    };
}
