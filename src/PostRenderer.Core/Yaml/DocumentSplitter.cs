using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Cuts a YAML stream into documents on the lines where YAML itself starts or ends one: <c>---</c> or
/// <c>...</c> at column 0 followed by a space, a tab or the end of the line. The text <c>---</c> anywhere else
/// (a PEM armour line, an indented block scalar) is content. Only one document is held at a time.
/// </summary>
public sealed class DocumentSplitter
{
    private readonly LineReader lines;
    private readonly int maxDocumentChars;
    private readonly StringBuilder text = new();
    private readonly List<string> pendingDirectives = [];
    private int startLine = 1;
    private bool hasContent;
    private bool inLeadingComments = true;
    private string? sourceComment;
    private int index;

    public DocumentSplitter(TextReader reader, int maxDocumentChars)
    {
        lines = new LineReader(reader, maxDocumentChars);
        this.maxDocumentChars = maxDocumentChars;
    }

    /// <summary>True once any line that is not blank has been read (comments included).</summary>
    public bool SawText { get; private set; }

    public IEnumerable<RawDocument> ReadDocuments()
    {
        while (lines.ReadLine() is { } line)
        {
            SawText |= !string.IsNullOrWhiteSpace(line);
            if (IsMarker(line, "---"))
            {
                var finished = Finish();
                if (finished is not null)
                {
                    yield return finished;
                }

                Append(line);
                startLine = lines.LineNumber;
                hasContent = HasContentAfterMarker(line);
                inLeadingComments = !hasContent;
            }
            else if (IsMarker(line, "..."))
            {
                Append(line);
                var finished = Finish();
                if (finished is not null)
                {
                    yield return finished;
                }
            }
            else
            {
                AddLine(line);
            }
        }

        var last = Finish();
        if (last is not null)
        {
            yield return last;
        }
    }

    private void AddLine(string line)
    {
        if (text.Length == 0 && hasContent is false)
        {
            startLine = lines.LineNumber;
        }

        if (line.Length > 0 && line[0] == '%' && !hasContent)
        {
            // A directive belongs to the document that the next '---' opens.
            pendingDirectives.Add(line);
            return;
        }

        var trimmed = line.AsSpan().TrimStart(' ');
        if (trimmed.IsEmpty || trimmed[0] == '#')
        {
            if (inLeadingComments && sourceComment is null && trimmed.StartsWith("# Source:", StringComparison.Ordinal))
            {
                sourceComment = trimmed.TrimEnd().ToString();
            }
        }
        else
        {
            hasContent = true;
            inLeadingComments = false;
        }

        Append(line);
    }

    private void Append(string line)
    {
        text.Append(line).Append('\n');
        if (text.Length > maxDocumentChars)
        {
            throw new UserException(
                $"the document starting at line {startLine} is larger than {maxDocumentChars} characters; raise --max-document-size if this input is genuine");
        }
    }

    private RawDocument? Finish()
    {
        RawDocument? document = null;
        if (hasContent)
        {
            index++;
            var body = pendingDirectives.Count == 0
                ? text.ToString()
                : string.Join('\n', pendingDirectives) + "\n" + text;
            pendingDirectives.Clear();
            document = new RawDocument(index, startLine, body, sourceComment);
        }

        text.Clear();
        hasContent = false;
        inLeadingComments = true;
        sourceComment = null;
        return document;
    }

    private static bool IsMarker(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal)
        && (line.Length == 3 || line[3] == ' ' || line[3] == '\t');

    private static bool HasContentAfterMarker(string line)
    {
        var rest = line.AsSpan(3).Trim(" \t");
        return !rest.IsEmpty && rest[0] != '#';
    }
}
