namespace PostRenderer.Core.Yaml;

/// <summary>
/// The text of one document, cut from the stream before any parsing.
/// </summary>
/// <param name="Index">1-based position among the non-empty documents of the stream.</param>
/// <param name="StartLine">1-based line of the stream where the document's text starts.</param>
/// <param name="Text">The document's lines, LF-terminated, including its own <c>---</c> line.</param>
/// <param name="SourceComment">Helm 3's leading <c># Source: ...</c> line, kept in the output; else null.</param>
public sealed record RawDocument(int Index, int StartLine, string Text, string? SourceComment);
