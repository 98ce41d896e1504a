using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Pipeline;

/// <summary>Canonical YAML to a text stream (stdout), each document as soon as it is converted.</summary>
public sealed class StreamSink(TextWriter output) : IDocumentSink
{
    private readonly CanonicalEmitter emitter = new(output);

    public void Write(Node document, string? sourceComment, DocumentLocation location) => emitter.WriteDocument(document, sourceComment);

    public void Complete() => output.Flush();
}
