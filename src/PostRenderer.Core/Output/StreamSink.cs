using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Output;

/// <summary>Canonical YAML to a text stream (stdout), each document as soon as it is converted.</summary>
internal sealed class StreamSink(TextWriter output) : IDocumentSink
{
    private readonly CanonicalEmitter emitter = new(output);

    /// <summary>The stream sink when it is the only sink: what writes a document's text straight through need.</summary>
    internal static StreamSink? SoleOf(IReadOnlyList<IDocumentSink> sinks) => sinks.Count == 1 ? sinks[0] as StreamSink : null;

    public void Write(Node document, string? sourceComment, DocumentLocation location) => emitter.WriteDocument(document, sourceComment);

    /// <summary>Copies a document's bytes as they came, opening it with '---' when it had none.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (!(bytes.StartsWith("---"u8) && (bytes.Length == 3 || bytes[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')))
        {
            output.Write("---\n");
        }

        WriteUtf8(bytes);
        if (bytes[^1] != '\n')
        {
            output.Write('\n');
        }
    }

    /// <summary>Text that is UTF-8 already: a document copied as it came, or one written without a tree (<see cref="Conversion.EsoWriter"/>).</summary>
    internal void WriteUtf8(ReadOnlySpan<byte> canonical)
    {
        if (output is Utf8OutputWriter utf8)
        {
            utf8.WriteUtf8(canonical);
        }
        else
        {
            output.Write(Encoding.UTF8.GetString(canonical));
        }
    }

    /// <summary>Lets out what the output holds so far, before the input makes the render wait.</summary>
    internal void Flush() => output.Flush();

    public void Complete() => output.Flush();
}
