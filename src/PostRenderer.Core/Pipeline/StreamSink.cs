using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Pipeline;

/// <summary>Canonical YAML to a text stream (stdout), each document as soon as it is converted.</summary>
public sealed class StreamSink(TextWriter output) : IDocumentSink
{
    private readonly CanonicalEmitter emitter = new(output);

    /// <summary>For writers that write a document's canonical text without building its tree.</summary>
    internal CanonicalEmitter Emitter => emitter;

    public void Write(Node document, string? sourceComment, DocumentLocation location) => emitter.WriteDocument(document, sourceComment);

    /// <summary>Copies a document's bytes as they came, opening it with '---' when it had none.</summary>
    public void WriteRaw(RawDocument document)
    {
        var bytes = document.Utf8;
        if (!(bytes.StartsWith("---"u8) && (bytes.Length == 3 || bytes[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')))
        {
            output.Write("---\n");
        }

        if (output is Utf8OutputWriter utf8)
        {
            utf8.WriteUtf8(bytes);
        }
        else
        {
            output.Write(document.Text);
        }

        if (bytes[^1] != '\n')
        {
            output.Write('\n');
        }
    }

    public void Complete() => output.Flush();
}
