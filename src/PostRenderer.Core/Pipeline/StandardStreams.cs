using System.Text;

namespace PostRenderer.Core.Pipeline;

/// <summary>How the tool reads and writes bytes, shared by the CLI and the tests so that both decode alike.</summary>
public static class StandardStreams
{
    private const int BufferSize = 64 * 1024;

    /// <summary>UTF-8 in, with or without BOM (a UTF-16 BOM is honoured too); invalid UTF-8 is an error, never replaced.</summary>
    public static TextReader OpenInput(Stream stream) =>
        new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferSize);

    /// <summary>UTF-8 out, no BOM, LF, buffered: Console.Out flushes on every write, which makes large renders crawl.</summary>
    public static TextWriter OpenOutput(Stream stream) =>
        new StreamWriter(stream, new UTF8Encoding(false), BufferSize) { AutoFlush = false, NewLine = "\n" };
}
