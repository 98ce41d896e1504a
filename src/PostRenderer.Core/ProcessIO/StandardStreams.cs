using System.Text;
using PostRenderer.Core.Output;

namespace PostRenderer.Core.ProcessIO;

/// <summary>How the tool reads and writes bytes, shared by the CLI and the tests so that both decode alike.</summary>
public static class StandardStreams
{
    /// <summary>
    /// UTF-8 in, without its byte order mark: a UTF-8 BOM is dropped, and input that a UTF-16 or UTF-32 BOM
    /// declares is transcoded (strictly: invalid input is an error, never replaced). UTF-8 itself is checked
    /// document by document, by the splitter.
    /// </summary>
    public static Stream OpenInput(Stream stream)
    {
        var head = new byte[4];
        var read = ReadUpTo(stream, head);
        var (encoding, markLength) = ByteOrderMark(head.AsSpan(0, read));
        var rest = new PrefixedStream(head.AsMemory(markLength, read - markLength), stream);
        return encoding is null ? rest : Encoding.CreateTranscodingStream(rest, encoding, new UTF8Encoding(false), leaveOpen: false);
    }

    /// <summary>UTF-8 out, no BOM, LF, buffered: Console.Out flushes on every write, which makes large renders crawl.</summary>
    public static Utf8OutputWriter OpenOutput(Stream stream) => new(stream);

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (null, 3),
        [0xFF, 0xFE, 0x00, 0x00] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0x00, 0x00, 0xFE, 0xFF] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        _ => (null, 0),
    };

    private static int ReadUpTo(Stream stream, byte[] head)
    {
        var total = 0;
        while (total < head.Length)
        {
            var read = stream.Read(head, total, head.Length - total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
