using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Cuts a UTF-8 stream into documents on the lines where YAML itself starts or ends one: <c>---</c> or
/// <c>...</c> at column 0 followed by a space, a tab or the end of the line. The text <c>---</c> anywhere else
/// (a PEM armour line, an indented block scalar) is content. Bytes are read straight into one buffer and each
/// document is handed out as a slice of it, checked to be UTF-8 but not decoded: --preserve copies most
/// documents without ever turning them into text (bench/history.md, seventh round).
/// </summary>
internal sealed class DocumentSplitter
{
    private const int ReadSize = 64 * 1024;

    // Go's unicode.IsSpace: ASCII white space and NEL, NBSP, OGHAM SPACE MARK, U+2000 to U+200A, LS, PS, U+202F,
    // U+205F and U+3000.
    private const string GoUnicodeSpaces = " \t\r\n\v\f\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    private readonly Stream input;
    private readonly int maxDocumentBytes;
    // Not zeroed: only the bytes read into it are ever looked at, and a short input never touches most of its pages.
    private byte[] buffer = GC.AllocateUninitializedArray<byte>(4 * ReadSize);
    private int docStart;
    private int length;
    private int scanned;
    private int lineStart;
    private int lineNumber = 1;
    private int startLine = 1;
    private bool hasContent;
    private bool inLeadingComments = true;

    private static readonly System.Buffers.SearchValues<byte> BlankBytes = System.Buffers.SearchValues.Create(" \t\r\n\v\f"u8);

    // Past a '...' line and before the next '---': a piece of the stream Kubernetes reads no document from.
    private bool afterEndMarker;

    // The 1-based line of the last '---' line that ended one of Kubernetes' pieces (0: none yet), whether the
    // current document's '---' line is in the piece of the stream that Kubernetes hands to go-yaml, and the line
    // where that piece starts, the one place go-yaml skips a byte-order mark (see OnLine).
    private int lastDroppedMarkerLine;
    private bool markerInPiece;
    private int pieceStartLine = 1;
    private Range? sourceCommentAt; // relative to docStart, which compaction moves
    private int index;
    private bool endOfInput;
    private RawDocument? reusable;

    /// <param name="utf8">UTF-8 without a byte order mark: <see cref="ProcessIO.StandardStreams.OpenInput"/> makes any input so.</param>
    /// <param name="maxDocumentBytes">The largest document accepted; bounds memory on hostile input.</param>
    public DocumentSplitter(Stream utf8, int maxDocumentBytes)
    {
        input = utf8;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /// <summary>True once any line that is not blank has been read (comments included).</summary>
    public bool SawText { get; private set; }

    /// <summary>
    /// Lines Kubernetes never reads or refuses, but that do not move a cut, are errors: text between a <c>...</c>
    /// line and the next <c>---</c>, a directive, a tab before a document's first node. Tests of the cutting alone
    /// turn this off.
    /// </summary>
    internal bool RefusesLinesKubernetesRefuses { get; init; } = true;

    /// <summary>
    /// Whether <see cref="ReadDocuments"/> may hand out the same object for each document (most of them): for the
    /// render loop, which is done with a document before it asks for the next. Not for a caller that keeps them.
    /// </summary>
    internal bool ReusesDocuments { get; init; }

    /// <summary>The documents in order; each one's bytes are valid until the next is asked for.</summary>
    public IEnumerable<RawDocument> ReadDocuments()
    {
        while (true)
        {
            var newline = NextLineEnd();
            if (newline < 0)
            {
                break;
            }

            if (hasContent && newline > lineStart && buffer[lineStart] is not ((byte)'-' or (byte)'.'))
            {
                // Inside a document only a line starting with '---' or '...' can end it: the rest are only counted.
                lineStart = newline + 1;
                lineNumber++;
                SkipContentLines();
                continue;
            }

            if (OnLine(lineStart, newline) is { } finished)
            {
                yield return finished;
                finished.Release();
            }
        }

        if (lineStart < length && OnLine(lineStart, length) is { } beforeLast)
        {
            yield return beforeLast;
            beforeLast.Release();
        }

        if (Finish(length) is { } last)
        {
            yield return last;
            last.Release();
        }
    }

    /// <summary>
    /// Inside a document, the same as the line-by-line loop over every whole line already read that cannot end it
    /// (one that does not start with '-' or '.'): counted. Done 16 bytes at a time, as most of a stream's lines are
    /// such lines and the splitter is the part of a render that no other thread can share (bench/history.md, ninth
    /// round). 16, not 32: the NativeAOT binary targets CPUs without AVX2, where a 32-byte path is compiled out and
    /// this loop ran a byte at a time; every x64 and Arm64 CPU has 16-byte vectors. Stops at the start of the first
    /// line it leaves to that loop.
    /// </summary>
    private void SkipContentLines()
    {
        // Only whole lines: the last '\n' read ends the last of them.
        var end = buffer.AsSpan(lineStart, length - lineStart).LastIndexOf((byte)'\n') + lineStart;
        var at = lineStart;
        if (end < at || buffer[at] is (byte)'-' or (byte)'.')
        {
            return;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            // Each block: the '\n's at [at, at + 16), and the first byte of the line each one starts (at most 'end').
            ref var bytes = ref MemoryMarshal.GetArrayDataReference(buffer);
            while (at + Vector128<byte>.Count <= end)
            {
                var newlines = Vector128.Equals(Vector128.LoadUnsafe(ref bytes, (nuint)at), Vector128.Create((byte)'\n'));
                if (newlines != Vector128<byte>.Zero)
                {
                    var next = Vector128.LoadUnsafe(ref bytes, (nuint)at + 1);
                    var stop = (newlines & (Vector128.Equals(next, Vector128.Create((byte)'-')) | Vector128.Equals(next, Vector128.Create((byte)'.')))).ExtractMostSignificantBits();
                    var lineEnds = newlines.ExtractMostSignificantBits();
                    if (stop != 0)
                    {
                        // Up to and including the '\n' before the line that stops the walk.
                        var first = BitOperations.TrailingZeroCount(stop);
                        lineNumber += BitOperations.PopCount(lineEnds & ((2u << first) - 1));
                        lineStart = scanned = at + first + 1;
                        return;
                    }

                    lineNumber += BitOperations.PopCount(lineEnds);
                }

                at += Vector128<byte>.Count;
            }
        }

        for (; at < end; at++)
        {
            if (buffer[at] != '\n')
            {
                continue;
            }

            lineNumber++;
            if (buffer[at + 1] is (byte)'-' or (byte)'.')
            {
                lineStart = scanned = at + 1;
                return;
            }
        }

        // The '\n' at 'end' ends the last whole line; the line after it is not whole yet.
        lineNumber++;
        lineStart = scanned = end + 1;
    }

    /// <summary>The index of the next line's end ('\n'), reading as needed; -1 at the end of input.</summary>
    private int NextLineEnd()
    {
        while (true)
        {
            var found = buffer.AsSpan(scanned, length - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                scanned += found + 1;
                return scanned - 1;
            }

            scanned = length;
            if (endOfInput || !Fill())
            {
                return -1;
            }
        }
    }

    private bool Fill()
    {
        if (length - docStart > maxDocumentBytes)
        {
            throw new UserException(
                $"the document starting at line {startLine} is larger than {maxDocumentBytes} bytes; raise --max-document-size if this input is genuine");
        }

        if (buffer.Length - length < ReadSize)
        {
            Compact();
        }

        if (buffer.Length - length < ReadSize)
        {
            var grown = GC.AllocateUninitializedArray<byte>(Math.Max(buffer.Length * 2, length + ReadSize));
            buffer.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }

        int read;
        try
        {
            read = input.Read(buffer, length, buffer.Length - length);
        }
        catch (DecoderFallbackException ex)
        {
            // Only input that a byte order mark declared UTF-16 or UTF-32 is decoded while it is read.
            throw new UserException($"line {lineNumber + CountLines(lineStart, length)}: the input is not valid UTF-16 or UTF-32, as its byte order mark says; convert it to UTF-8 first", inner: ex);
        }

        if (read <= 0)
        {
            endOfInput = true;
            return false;
        }

        // Seen here, not line by line: lines inside a document are skipped many at a time ('\t\n# x' gave no error).
        SawText = SawText || buffer.AsSpan(length, read).IndexOfAnyExcept(BlankBytes) >= 0;
        length += read;
        return true;
    }

    /// <summary>Handles the line [start, end) (end is at its '\n' or the end of input); returns a finished document, if any.</summary>
    private RawDocument? OnLine(int start, int end)
    {
        var next = end < length ? end + 1 : end;
        var line = buffer.AsSpan(start, end - start);
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (line.StartsWith("---"u8))
        {
            RefuseSeparatorsReadApart(line);
        }

        if (IsMarker(line, "---"u8))
        {
            // The document so far ends before this line; the marker line opens the next one. It holds no node:
            // RefuseSeparatorsReadApart let only a bare marker or one with a comment through, so the next document
            // starts as Finish leaves it, without content and in its leading comments.
            var finished = Finish(start);
            lineStart = next;
            startLine = lineNumber;
            afterEndMarker = false;

            // Kubernetes' splitter keeps a '---' line in the next piece when its piece so far is empty: at the stream's
            // start, or right after a '---' that ended a piece (not after one it kept: '---\n---\n' is a piece '---'
            // ended by the second). go-yaml then reads that marker, and a byte-order mark after it is text, not skipped.
            markerInPiece = lineNumber == lastDroppedMarkerLine + 1;
            if (!markerInPiece)
            {
                lastDroppedMarkerLine = lineNumber;
            }

            pieceStartLine = markerInPiece ? lineNumber : lineNumber + 1;
            lineNumber++;
            return finished;
        }

        if (IsMarker(line, "..."u8))
        {
            var finished = Finish(next);
            lineStart = next;
            lineNumber++;
            startLine = lineNumber;
            afterEndMarker = true;
            return finished;
        }

        if (afterEndMarker && RefusesLinesKubernetesRefuses && IsContent(line))
        {
            // Kubernetes splits only at '---' and reads the first document of each piece: it would never see this.
            throw new UserException($"line {lineNumber}: text after a document end marker (...) that Kubernetes ignores; start a new document with ---");
        }

        Classify(start, line);
        lineStart = next;
        lineNumber++;
        return null;
    }

    /// <summary>A line that is not blank, a comment or a directive.</summary>
    private static bool IsContent(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t"u8);
        return !(trimmed.IsEmpty || trimmed[0] == '#' || line[0] == '%');
    }

    private void Classify(int start, ReadOnlySpan<byte> line)
    {
        if (hasContent || afterEndMarker)
        {
            // Past the leading comments: nothing more to learn from this document's lines. After a '...' line, go-yaml
            // has read its piece's one document and reads nothing more (a directive, a tab: no error), and the lines up
            // to the next '---' belong to no document; OnLine refuses text among them.
            return;
        }

        // A byte-order mark at the start of Kubernetes' piece is skipped by go-yaml, so a comment or a directive may
        // follow it; anywhere else it is text ('#\n<BOM>#' is the string "\uFEFF#").
        var afterMark = line.StartsWith("\uFEFF"u8) && lineNumber == pieceStartLine ? line[3..] : line;
        if (afterMark.Length > 0 && afterMark[0] == '%' && RefusesLinesKubernetesRefuses)
        {
            // In YAML a directive belongs to the document the next '---' opens; Kubernetes cuts at that '---', so the
            // directive is a piece of its own, which go-yaml refuses: no stream with one ever applies.
            throw new UserException($"line {lineNumber}: a directive (%YAML or %TAG) before a document, which Kubernetes cuts off into a document of its own and refuses (go-yaml: did not find expected <document start>); remove the line");
        }

        var trimmed = afterMark.Length < line.Length ? afterMark : line.TrimStart((byte)' ');
        // A lone CR, NEL, LS or PS breaks the line for go-yaml, and YamlDotNet ends a comment at a NUL: what follows is
        // no comment but content ('# Source: x\r:' holds a key, '# x<LS>b: 1' is {b: 1}), which the readers judge.
        if ((trimmed.IsEmpty || trimmed[0] == '#') && !LineBreaks.HasOtherThanLf(trimmed) && trimmed.IndexOf((byte)'\0') < 0)
        {
            if (inLeadingComments && sourceCommentAt is null && trimmed.StartsWith("# Source:"u8))
            {
                // Only where it is: most documents are copied or converted without it ever being decoded.
                var from = start + line.Length - trimmed.Length - docStart;
                sourceCommentAt = from..(from + trimmed.TrimEnd(" \t\r\v\f"u8).Length);
            }

            return;
        }

        if (trimmed[0] == '\t' && RefusesLinesKubernetesRefuses)
        {
            // YAML 1.2 lets a tab separate here; go-yaml, at the start of a block where a key could begin, does not.
            throw new UserException($"line {lineNumber}: a tab before the document's first node, which Kubernetes refuses (go-yaml: found character that cannot start any token); indent with spaces, or remove the line");
        }

        hasContent = true;
        inLeadingComments = false;
    }

    /// <summary>Ends the document whose bytes run up to <paramref name="end"/>; keeps what follows it in the buffer.</summary>
    private RawDocument? Finish(int end)
    {
        CheckCharacters(docStart, end);
        RawDocument? document = null;
        if (hasContent)
        {
            index++;
            ReadOnlyMemory<byte> bytes = buffer.AsMemory(docStart, end - docStart);
            document = reusable?.ReuseFor(index, startLine, bytes, sourceCommentAt, sourceComment: null, markerInPiece)
                ?? new RawDocument(index, startLine, bytes, sourceCommentAt, sourceComment: null) { MarkerInPiece = markerInPiece };
            reusable = ReusesDocuments ? document : null;
        }

        docStart = end;
        hasContent = false;
        inLeadingComments = true;
        sourceCommentAt = null;
        return document;
    }

    /// <summary>
    /// Every byte of the stream passes here once, in the document (or the comments) it belongs to: valid UTF-8, and
    /// no character that go-yaml's reader refuses anywhere in a piece it is given, comments included.
    /// </summary>
    private void CheckCharacters(int from, int to)
    {
        var bytes = buffer.AsSpan(from, to - from);
        if (!Utf8.IsValid(bytes))
        {
            var valid = 0;
            while (System.Text.Rune.DecodeFromUtf8(bytes[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                valid += consumed;
            }

            throw new UserException($"line {startLine + CountLines(from, from + valid)}: the input is not valid UTF-8; convert it to UTF-8 first");
        }

        if (Utf8Characters.IndexOfRefused(bytes) is var at and >= 0)
        {
            var character = System.Text.Rune.DecodeFromUtf8(bytes[at..], out var rune, out _) == System.Buffers.OperationStatus.Done ? rune.Value : bytes[at];
            throw new UserException(
                $"line {startLine + CountLines(from, from + at)}: the character U+{character:X4}, which Kubernetes refuses anywhere in YAML, comments included (go-yaml: control characters are not allowed); remove it, or write it as an escape in a double-quoted string");
        }
    }

    /// <summary>
    /// Moves the current document (and what was read past it) to the buffer's start. Done only when the buffer
    /// needs room, not after every document: shifting the read-ahead after each one cost a sixth of the run time.
    /// </summary>
    private void Compact()
    {
        if (docStart == 0)
        {
            return;
        }

        Array.Copy(buffer, docStart, buffer, 0, length - docStart);
        length -= docStart;
        scanned -= docStart;
        lineStart -= docStart;
        docStart = 0;
    }

    private int CountLines(int from, int to) => buffer.AsSpan(from, to - from).Count((byte)'\n');

    private static bool IsMarker(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker) =>
        line.StartsWith(marker) && (line.Length == 3 || line[3] == ' ' || line[3] == '\t');

    /// <summary>
    /// Kubernetes' splitter (apimachinery's YAMLReader) takes a line starting with <c>---</c> as a separator when the
    /// rest, trimmed, is empty or a comment, and refuses the stream ("invalid Yaml document separator") when anything
    /// else follows; YAML itself opens a document with a node on that line (<c>--- x</c>) and reads <c>---#x</c> or
    /// <c>----</c> as text. Where the two part, refuse: the cluster would never read what this tool converted.
    /// </summary>
    private void RefuseSeparatorsReadApart(ReadOnlySpan<byte> line)
    {
        if (HasContentAfterMarker(line))
        {
            throw new UserException($"line {lineNumber}: '---' followed by content on the same line, which Kubernetes refuses (invalid document separator); put the content on the next line");
        }

        if (!IsMarker(line, "---"u8))
        {
            throw new UserException($"line {lineNumber}: a line starting with '---' that Kubernetes reads as a document separator and YAML as text; write '---' alone, or '--- #' before a comment");
        }

        // Go's TrimSpace takes a vertical tab, a form feed or a Unicode space after the marker for white space, YAML
        // for a character it refuses or reads as text: the two read the line apart.
        var rest = line[3..].TrimStart(" \t\r"u8);
        if (!rest.IsEmpty && rest[0] != '#')
        {
            throw new UserException($"line {lineNumber}: '---' followed by a vertical tab, form feed or Unicode space, which Kubernetes drops as white space and YAML does not; write '---' alone, or '--- #' before a comment");
        }
    }

    /// <summary>
    /// True when a <c>---</c> line holds more than white space or a comment after the marker, as Kubernetes'
    /// splitter judges it: with Go's <c>strings.TrimSpace</c>, which trims every Unicode white space (so
    /// <c>--- \v</c> and <c>--- &lt;NBSP&gt;</c> are separators it drops, not a document holding "\v").
    /// </summary>
    internal static bool HasContentAfterMarker(ReadOnlySpan<byte> line)
    {
        var rest = line[3..].Trim(" \t\r\n\v\f"u8);
        if (rest.IsEmpty || rest[0] == '#')
        {
            return false;
        }

        if (Ascii.IsValid(rest))
        {
            return true;
        }

        var text = Encoding.UTF8.GetString(rest).AsSpan().Trim(GoUnicodeSpaces);
        return !text.IsEmpty && text[0] != '#';
    }
}
