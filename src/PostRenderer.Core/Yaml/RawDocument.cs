using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// The UTF-8 bytes of one document, cut from the stream before any parsing. The bytes live in the splitter's
/// buffer and are valid only until the splitter reads the next document: a document that is copied through
/// (--preserve) is never decoded at all. <see cref="Text"/> decodes them once, and is kept after that; so does
/// <see cref="SourceComment"/>.
/// </summary>
internal sealed class RawDocument
{
    private ReadOnlyMemory<byte> utf8;
    private Range? sourceCommentAt;
    private string? sourceComment;
    private string? text;
    private bool released;
    private bool markerInPiece;

    /// <param name="index">1-based position among the non-empty documents of the stream.</param>
    /// <param name="startLine">1-based line of the stream where the document's text starts.</param>
    /// <param name="utf8">The document's lines, including its own <c>---</c> line, as valid UTF-8.</param>
    /// <param name="sourceComment">Helm 3's leading <c># Source: ...</c> line, kept in the output; else null.</param>
    public RawDocument(int index, int startLine, ReadOnlyMemory<byte> utf8, string? sourceComment)
    {
        Index = index;
        StartLine = startLine;
        this.utf8 = utf8;
        this.sourceComment = sourceComment;
    }

    /// <param name="sourceCommentAt">Where in <paramref name="utf8"/> Helm 3's leading <c># Source: ...</c> line is
    /// (without its line end), decoded only when asked for: a copied document never is.</param>
    internal RawDocument(int index, int startLine, ReadOnlyMemory<byte> utf8, Range? sourceCommentAt, string? sourceComment)
        : this(index, startLine, utf8, sourceComment)
    {
        this.sourceCommentAt = sourceCommentAt;
    }

    public int Index { get; private set; }

    public int StartLine { get; private set; }

    /// <summary>Where the document is, for messages: its index and first line, not yet what it holds.</summary>
    public DocumentLocation Location => new(Index, StartLine);

    /// <summary>
    /// Whether Kubernetes' splitter hands go-yaml this document's own <c>---</c> line too (it does when nothing stood
    /// between it and the previous one, or the stream's start), so that a byte-order mark after it is not skipped.
    /// </summary>
    public bool MarkerInPiece { get => markerInPiece; init => markerInPiece = value; }

    /// <summary>Helm 3's leading <c># Source: ...</c> line, kept in the output; else null. Read it before the splitter moves on.</summary>
    public string? SourceComment => sourceComment ??= sourceCommentAt is { } at ? Encoding.UTF8.GetString(Utf8[at]) : null;

    /// <summary>
    /// <see cref="SourceComment"/> as UTF-8, from the document's own bytes where it still lies in them: a Secret
    /// written straight from its text needs no string of it. Empty when there is none.
    /// </summary>
    internal ReadOnlySpan<byte> SourceCommentUtf8 =>
        sourceComment is null && sourceCommentAt is { } at ? Utf8[at] : Encoding.UTF8.GetBytes(SourceComment ?? "");

    /// <summary>The source comment as a copy of this document over the same bytes elsewhere needs it: still a place, unless decoded.</summary>
    internal (Range? At, string? Text) SourceCommentForCopy => sourceComment is null ? (sourceCommentAt, null) : (null, sourceComment);

    /// <summary>The document's bytes; only until the splitter moves on to the next document.</summary>
    public ReadOnlySpan<byte> Utf8 =>
        released ? throw new InvalidOperationException("a document's bytes are read before the splitter moves on to the next one") : utf8.Span;

    /// <summary>
    /// The document's text (LF or CRLF line ends as they came), decoded on first use; without a byte-order mark where
    /// go-yaml skips one, at the start of the piece Kubernetes gives it (a stream joined from files has one per document).
    /// </summary>
    public string Text => text ??= EndWithLineBreak(ByteOrderMark.StripAtPieceStart(Encoding.UTF8.GetString(Utf8), MarkerInPiece));

    /// <summary>go-yaml takes the end of the input for a line break (<c>a: |\n  x</c> is <c>"x\n"</c>); our readers need it written.</summary>
    private static string EndWithLineBreak(string text) => text.Length == 0 || text[^1] == '\n' ? text : text + "\n";

    /// <summary>Whether <see cref="Utf8"/> may still be read (the splitter has not moved on).</summary>
    internal bool BytesAvailable => !released;

    /// <summary>Called by the splitter as it moves on: the buffer behind <see cref="Utf8"/> is about to be reused.</summary>
    internal void Release() => released = true;

    /// <summary>
    /// Makes this object the next document, for a reader that never keeps one past its turn (the render loop): a
    /// long stream then allocates one object for all its documents instead of one each.
    /// </summary>
    internal RawDocument ReuseFor(int index, int startLine, ReadOnlyMemory<byte> utf8, Range? sourceCommentAt, string? sourceComment, bool markerInPiece)
    {
        Index = index;
        StartLine = startLine;
        this.utf8 = utf8;
        this.sourceCommentAt = sourceCommentAt;
        this.markerInPiece = markerInPiece;
        this.sourceComment = sourceComment;
        text = null;
        released = false;
        return this;
    }
}
