using System.Runtime.InteropServices;
using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// The UTF-8 bytes of one document, cut from the stream before any parsing. The bytes live in the splitter's
/// buffer and are valid only until the splitter reads the next document: a document that is copied through
/// (--preserve) is never decoded at all. <see cref="Text"/> decodes them once, and is kept after that.
/// </summary>
public sealed class RawDocument
{
    private readonly ReadOnlyMemory<byte> utf8;
    private string? text;
    private bool released;

    /// <param name="index">1-based position among the non-empty documents of the stream.</param>
    /// <param name="startLine">1-based line of the stream where the document's text starts.</param>
    /// <param name="utf8">The document's lines, including its own <c>---</c> line, as valid UTF-8.</param>
    /// <param name="sourceComment">Helm 3's leading <c># Source: ...</c> line, kept in the output; else null.</param>
    /// <param name="topLevelLines">Where each line that starts at column 0 with content starts, when the splitter noted them.</param>
    public RawDocument(int index, int startLine, ReadOnlyMemory<byte> utf8, string? sourceComment, List<int>? topLevelLines = null)
    {
        Index = index;
        StartLine = startLine;
        this.utf8 = utf8;
        SourceComment = sourceComment;
        this.topLevelLines = topLevelLines;
    }

    private readonly List<int>? topLevelLines;

    public int Index { get; }

    public int StartLine { get; }

    public string? SourceComment { get; }

    /// <summary>The document's bytes; only until the splitter moves on to the next document.</summary>
    public ReadOnlySpan<byte> Utf8 =>
        released ? throw new InvalidOperationException("a document's bytes are read before the splitter moves on to the next one") : utf8.Span;

    /// <summary>
    /// The offsets in <see cref="Utf8"/> of the lines that start with neither a space, a tab nor '#' and are not
    /// empty, as the splitter saw them go by; false when it did not note them. Valid as long as <see cref="Utf8"/>.
    /// </summary>
    public bool TryGetTopLevelLines(out ReadOnlySpan<int> lines)
    {
        lines = topLevelLines is null ? default : CollectionsMarshal.AsSpan(topLevelLines);
        return topLevelLines is not null && !released;
    }

    /// <summary>The document's text (LF or CRLF line ends as they came), decoded on first use.</summary>
    public string Text => text ??= Encoding.UTF8.GetString(Utf8);

    /// <summary>Called by the splitter as it moves on: the buffer behind <see cref="Utf8"/> is about to be reused.</summary>
    internal void Release() => released = true;
}
