using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Pipeline;

/// <summary>Canonical YAML to a text stream (stdout), each document as soon as it is converted.</summary>
public sealed class StreamSink(TextWriter output) : IDocumentSink
{
    private readonly CanonicalEmitter emitter = new(output);

    public void Write(Node document, string? sourceComment, DocumentLocation location) => emitter.WriteDocument(document, sourceComment);

    /// <summary>Copies a document's text as it came, opening it with '---' when it had none.</summary>
    public void WriteRaw(RawDocument document)
    {
        var text = document.Text;
        if (!(text.StartsWith("---", StringComparison.Ordinal) && (text.Length == 3 || text[3] is ' ' or '\t' or '\r' or '\n')))
        {
            output.Write("---\n");
        }

        output.Write(text);
        if (!text.EndsWith('\n'))
        {
            output.Write('\n');
        }
    }

    public void Complete() => output.Flush();
}
