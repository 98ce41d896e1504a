using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Output;

/// <summary>Where rendered documents go: stdout, a GitOps directory, or both.</summary>
internal interface IDocumentSink
{
    void Write(Node document, string? sourceComment, DocumentLocation location);

    /// <summary>Called once after the last document, only when every document was rendered.</summary>
    void Complete();
}
