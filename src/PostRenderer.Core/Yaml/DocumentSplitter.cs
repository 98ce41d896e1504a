using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Cuts a YAML stream into documents on the lines where YAML itself starts or ends one: <c>---</c> or
/// <c>...</c> at column 0 followed by a space, a tab or the end of the line. The text <c>---</c> anywhere else
/// (a PEM armour line, an indented block scalar) is content. Text is read straight into one document buffer,
/// so only the current document is held, and its raw text (CRLF included) is kept for byte-exact copies.
/// </summary>
public sealed class DocumentSplitter
{
    private const int ReadSize = 64 * 1024;

    private readonly TextReader reader;
    private readonly int maxDocumentChars;
    private char[] buffer = new char[2 * ReadSize];
    private int docStart;
    private int length;
    private int scanned;
    private int lineStart;
    private int lineNumber = 1;
    private int startLine = 1;
    private bool hasContent;
    private bool inLeadingComments = true;
    private string? sourceComment;
    private string? pendingDirectives;
    private int index;
    private bool endOfInput;

    public DocumentSplitter(TextReader reader, int maxDocumentChars)
    {
        this.reader = reader;
        this.maxDocumentChars = maxDocumentChars;
    }

    /// <summary>True once any line that is not blank has been read (comments included).</summary>
    public bool SawText { get; private set; }

    public IEnumerable<RawDocument> ReadDocuments()
    {
        while (true)
        {
            var newline = NextLineEnd();
            if (newline < 0)
            {
                break;
            }

            var finished = OnLine(lineStart, newline);
            if (finished is not null)
            {
                yield return finished;
            }
        }

        if (lineStart < length)
        {
            var finished = OnLine(lineStart, length);
            if (finished is not null)
            {
                yield return finished;
            }
        }

        var last = Finish(length);
        if (last is not null)
        {
            yield return last;
        }
    }

    /// <summary>The index of the next line's end ('\n', or the end of input when the last line has none), reading as needed.</summary>
    private int NextLineEnd()
    {
        while (true)
        {
            var found = buffer.AsSpan(scanned, length - scanned).IndexOf('\n');
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
        if (length - docStart > maxDocumentChars)
        {
            throw new UserException(
                $"the document starting at line {startLine} is larger than {maxDocumentChars} characters; raise --max-document-size if this input is genuine");
        }

        if (buffer.Length - length < ReadSize)
        {
            Compact();
        }

        if (buffer.Length - length < ReadSize)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + ReadSize));
        }

        int read;
        try
        {
            read = reader.Read(buffer, length, buffer.Length - length);
        }
        catch (DecoderFallbackException ex)
        {
            throw new UserException($"line {lineNumber + CountLines(lineStart, length)}: the input is not valid UTF-8; convert it to UTF-8 first", inner: ex);
        }

        if (read <= 0)
        {
            endOfInput = true;
            return false;
        }

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

        SawText = SawText || !line.IsWhiteSpace();
        if (IsMarker(line, "---"))
        {
            // The document so far ends before this line; the marker line opens the next one.
            var finished = Finish(start);
            lineStart = next;
            startLine = lineNumber;
            hasContent = HasContentAfterMarker(line);
            inLeadingComments = !hasContent;
            lineNumber++;
            return finished;
        }

        if (IsMarker(line, "..."))
        {
            var finished = Finish(next);
            lineStart = next;
            lineNumber++;
            startLine = lineNumber;
            return finished;
        }

        Classify(line);
        lineStart = next;
        lineNumber++;
        return null;
    }

    private void Classify(ReadOnlySpan<char> line)
    {
        if (hasContent)
        {
            return; // past the leading comments and directives: nothing more to learn from this document's lines
        }

        if (line.Length > 0 && line[0] == '%')
        {
            // A directive belongs to the document that the next '---' opens.
            pendingDirectives = (pendingDirectives ?? "") + line.ToString() + "\n";
            return;
        }

        var trimmed = line.TrimStart(' ');
        if (trimmed.IsEmpty || trimmed[0] == '#')
        {
            if (inLeadingComments && sourceComment is null && trimmed.StartsWith("# Source:", StringComparison.Ordinal))
            {
                sourceComment = trimmed.TrimEnd().ToString();
            }

            return;
        }

        hasContent = true;
        inLeadingComments = false;
    }

    /// <summary>Ends the document whose text runs up to <paramref name="end"/>; keeps what follows it in the buffer.</summary>
    private RawDocument? Finish(int end)
    {
        RawDocument? document = null;
        if (hasContent)
        {
            index++;
            var text = new string(buffer, docStart, end - docStart);
            if (pendingDirectives is not null)
            {
                text = pendingDirectives + text;
                pendingDirectives = null;
            }

            document = new RawDocument(index, startLine, text, sourceComment);
        }

        docStart = end;
        hasContent = false;
        inLeadingComments = true;
        sourceComment = null;
        return document;
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

    private int CountLines(int from, int to) => buffer.AsSpan(from, to - from).Count('\n');

    private static bool IsMarker(ReadOnlySpan<char> line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal)
        && (line.Length == 3 || line[3] == ' ' || line[3] == '\t');

    private static bool HasContentAfterMarker(ReadOnlySpan<char> line)
    {
        var rest = line[3..].Trim(" \t");
        return !rest.IsEmpty && rest[0] != '#';
    }
}
