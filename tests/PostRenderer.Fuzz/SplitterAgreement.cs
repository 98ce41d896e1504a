using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Fuzz;

/// <summary>
/// The splitters agree: the documents the tool's <see cref="DocumentSplitter"/> yields are those of
/// <see cref="KubernetesSplitter"/>, but for the differences README documents, each modelled here (and only
/// here, not in either splitter):
/// - the input is decoded first (a UTF-8 byte-order mark dropped, UTF-16 and UTF-32 transcoded; README "Read as
///   Kubernetes reads it"), and a CR ending the stream is a line end, as it is to YAML;
/// - a document opened by a dropped separator starts with that <c>---</c> line in the tool (the YAMLReader drops it);
/// - a document ends at a <c>...</c> line in the tool: what follows it, up to the next separator, is refused
///   when it holds text and else belongs to no document (go-yaml reads only a piece's first document);
/// - empty and comment-only documents are dropped;
/// - refused with exit 2: invalid UTF-16, UTF-32 or UTF-8, a <c>---</c> line with more than a comment after it or
///   not followed by a space, a tab or the line's end, text after a <c>...</c> line, a document over the size limit,
///   a character go-yaml refuses anywhere, a directive or a tab before a document's first node (go-yaml refuses
///   Kubernetes' piece; see <see cref="FirstNodeRefusals"/>); the documents yielded before the refusal are
///   Kubernetes' first ones.
/// Whether the <c>---</c> line is in Kubernetes' piece (<see cref="RawDocument.MarkerInPiece"/>) is compared where it
/// matters: before a byte-order mark, which go-yaml skips only at a piece's start.
/// </summary>
internal static class SplitterAgreement
{
    public const string Invariant = "the splitters agree";

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static void Check(byte[] input)
    {
        var (documents, refusal) = SplitByTool(input);
        var decoded = Decode(input);
        if (decoded is null)
        {
            if (refusal is null || !refusal.Message.Contains("UTF-16 or UTF-32", StringComparison.Ordinal))
            {
                throw new InvariantViolationException(Invariant, $"the input is not the UTF-16 or UTF-32 its byte order mark says, and the tool {(refusal is null ? "splits it" : $"refuses it for another reason ({refusal.Message})")}");
            }

            return;
        }

        if (decoded.Length > 0 && decoded[^1] == '\r')
        {
            decoded = [.. decoded, (byte)'\n'];
        }

        var kubernetes = KubernetesSplitter.Split(decoded);
        var refusals = DocumentedRefusals(decoded, kubernetes);
        if (refusal is null)
        {
            if (refusals.Count > 0)
            {
                throw new InvariantViolationException(Invariant, $"the tool splits a stream it documents as refused ({string.Join("; ", refusals.Values)})");
            }
        }
        else if (!refusals.Keys.Any(key => refusal.Message.Contains(key, StringComparison.Ordinal)))
        {
            throw new InvariantViolationException(Invariant, $"the tool refuses a stream for a reason Kubernetes' splitter does not see ({refusal.Message}); documented refusals here: {(refusals.Count == 0 ? "none" : string.Join("; ", refusals.Values))}");
        }

        // Before refusing at a bad '---' line, the tool may already have yielded the part of Kubernetes' unfinished
        // document that a '...' line ended; the YAMLReader discards that document with the error.
        var reached = refusal is not null && kubernetes.Unfinished is { } unfinished
            ? kubernetes with { Documents = [.. kubernetes.Documents, unfinished] }
            : kubernetes;
        CompareDocuments(Expected(reached), documents, complete: refusal is null);
    }

    /// <summary>
    /// The tool's output read back as Kubernetes cuts it, not by the tool's own splitter: the text of each document
    /// that holds something. The output must be one Kubernetes' splitter reads to the end.
    /// </summary>
    public static List<string> ReadBack(string output)
    {
        var split = KubernetesSplitter.Split(Encoding.UTF8.GetBytes(output));
        if (split.Error is not null)
        {
            throw new InvariantViolationException("output reads back as the canonical tree", $"Kubernetes' splitter stops in the output ({split.Error})\n--- output:\n{output}");
        }

        return split.Documents.Where(document => !HoldsNothing(LinesOf(document.Text), pieceStart: true)).Select(document => Encoding.UTF8.GetString(document.Text)).ToList();
    }

    /// <summary>Whether a document holds nothing but blank lines, comments and document markers (Kubernetes reads it as null).</summary>
    /// <param name="lines">A document's lines as <see cref="KubernetesSplitter.Lines"/> gives them.</param>
    /// <param name="pieceStart">Its first line starts Kubernetes' piece, where go-yaml skips a byte-order mark.</param>
    public static bool HoldsNothing(IReadOnlyList<byte[]> lines, bool pieceStart) =>
        lines.Select((line, i) => i == 0 && pieceStart && line.AsSpan().StartsWith(ByteOrderMark) ? line[3..] : line)
            .All(line => IsBlankOrComment(line) || KubernetesSplitter.StartsWithSeparator(line) || IsEndMarker(line));

    /// <summary>What the tool's splitter yields (each document's bytes and whether its marker is in the piece), up to its refusal.</summary>
    private static (List<(byte[] Bytes, bool MarkerInPiece)> Documents, UserException? Refusal) SplitByTool(byte[] input)
    {
        var documents = new List<(byte[], bool)>();
        try
        {
            using var reader = StandardStreams.OpenInput(new MemoryStream(input, writable: false));
            foreach (var raw in new DocumentSplitter(reader, RenderOutcome.Canonical.MaxDocumentSize).ReadDocuments())
            {
                documents.Add((raw.Utf8.ToArray(), raw.MarkerInPiece));
            }
        }
        catch (UserException refusal)
        {
            return (documents, refusal);
        }

        return (documents, null);
    }

    /// <summary>The input as UTF-8 without a leading byte-order mark, as README says it is read; null when the mark's encoding is broken.</summary>
    private static byte[]? Decode(byte[] input) => input switch
    {
        [0xEF, 0xBB, 0xBF, ..] => input[3..],
        [0xFF, 0xFE, 0x00, 0x00, ..] => Transcode(new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), input[4..]),
        [0x00, 0x00, 0xFE, 0xFF, ..] => Transcode(new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), input[4..]),
        [0xFF, 0xFE, ..] => Transcode(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), input[2..]),
        [0xFE, 0xFF, ..] => Transcode(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), input[2..]),
        _ => input,
    };

    private static byte[]? Transcode(Encoding encoding, byte[] bytes)
    {
        try
        {
            return Encoding.UTF8.GetBytes(encoding.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Each documented refusal that holds for the stream: a phrase of the tool's message, and why.</summary>
    private static Dictionary<string, string> DocumentedRefusals(byte[] decoded, KubernetesSplit kubernetes)
    {
        var refusals = new Dictionary<string, string>();
        if (!IsUtf8(decoded))
        {
            refusals["not valid UTF-8"] = "the input is not UTF-8";
        }

        if (decoded.Length > RenderOutcome.Canonical.MaxDocumentSize)
        {
            refusals["is larger than"] = "the input is over the document size limit";
        }

        var lines = KubernetesSplitter.Lines(decoded);
        if (kubernetes.Error is not null)
        {
            refusals["'---'"] = $"Kubernetes' splitter stops ({kubernetes.Error})";
        }
        else if (lines.FirstOrDefault(line => KubernetesSplitter.StartsWithSeparator(line) && !IsYamlMarkerAlone(line, "---"u8)) is { } apart)
        {
            refusals["'---'"] = $"a '---' line that YAML reads apart from Kubernetes ({Show(apart)})";
        }

        var afterEnd = false;
        foreach (var line in lines)
        {
            if (KubernetesSplitter.StartsWithSeparator(line))
            {
                afterEnd = false;
            }
            else if (IsEndMarker(line))
            {
                afterEnd = true;
            }
            else if (afterEnd && !IsBlankOrComment(line) && line[0] != '%')
            {
                refusals["document end marker"] = $"text after a '...' line ({Show(line)})";
                break;
            }
        }

        // Past invalid UTF-8 too: the tool checks document by document, and either refusal may come first.
        if (GoYamlCharacters.FirstRefused(decoded) is { } refused)
        {
            refusals["which Kubernetes refuses anywhere in YAML"] = $"the character U+{refused.Value:X4}, which go-yaml's reader refuses";
        }

        foreach (var (phrase, why) in FirstNodeRefusals(lines))
        {
            refusals[phrase] = why;
        }

        return refusals;
    }

    /// <summary>
    /// Lines between a document's start (a <c>---</c> line) and its first node that make go-yaml refuse Kubernetes'
    /// piece: a directive (Kubernetes cuts at the <c>---</c> after it, leaving a piece of only the directive) and a
    /// line whose first character but spaces is a tab (no token starts with one where a key could). After a
    /// <c>...</c> line go-yaml reads no further, and neither counts.
    /// </summary>
    private static IEnumerable<(string Phrase, string Why)> FirstNodeRefusals(List<byte[]> lines)
    {
        var beforeFirstNode = true;
        var afterEnd = false;
        int pieceStart = 0, lastDropped = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            // go-yaml skips a byte-order mark only on the first line of Kubernetes' piece: the line after a dropped
            // separator, or a separator kept because nothing came between it and the one dropped before it.
            var line = i == pieceStart && lines[i].AsSpan().StartsWith(ByteOrderMark) ? lines[i][3..] : lines[i];
            if (KubernetesSplitter.StartsWithSeparator(line))
            {
                var kept = i == lastDropped + 1;
                lastDropped = kept ? lastDropped : i;
                pieceStart = kept ? i : i + 1;
                (beforeFirstNode, afterEnd) = (true, false);
            }
            else if (IsEndMarker(line))
            {
                afterEnd = true;
            }
            else if (beforeFirstNode && !afterEnd)
            {
                if (line[0] == '%')
                {
                    yield return ("a directive (%YAML or %TAG) before a document", $"a directive before a document's first node ({Show(line)})");
                    yield break;
                }

                var afterSpaces = line.AsSpan().TrimStart((byte)' ');
                if (afterSpaces[0] == '\t')
                {
                    yield return ("a tab before the document's first node", $"a tab before a document's first node ({Show(line)})");
                    yield break;
                }

                beforeFirstNode = IsBlankOrComment(line);
            }
        }
    }

    /// <summary>
    /// Kubernetes' documents as the tool yields them: opened by the <c>---</c> line Kubernetes drops, cut after a
    /// <c>...</c> line, without those that hold nothing.
    /// </summary>
    private static List<Expectation> Expected(KubernetesSplit kubernetes)
    {
        var expected = new List<Expectation>();
        foreach (var document in kubernetes.Documents)
        {
            var lines = LinesOf(document.Text);
            var markerKept = KubernetesSplitter.StartsWithSeparator(lines[0]);
            var bodyStart = markerKept ? 1 : 0;
            var end = lines.FindIndex(bodyStart, IsEndMarker);
            var kept = end >= 0 ? lines[..(end + 1)] : lines;
            if (!HoldsNothing(kept[bodyStart..], pieceStart: !markerKept))
            {
                var opening = markerKept || document.DroppedSeparator is null ? [] : new[] { document.DroppedSeparator };
                var text = opening.Concat(kept).SelectMany(line => line).ToArray();
                var startsWithMark = kept.Count > bodyStart && kept[bodyStart].AsSpan().StartsWith(ByteOrderMark);
                expected.Add(new Expectation(text, markerKept, startsWithMark));
            }
        }

        return expected;
    }

    /// <summary>The tool's documents, up to its refusal if <paramref name="complete"/> is false, are Kubernetes' (<see cref="Expected"/>).</summary>
    private static void CompareDocuments(List<Expectation> expected, List<(byte[] Bytes, bool MarkerInPiece)> yielded, bool complete)
    {
        var actual = new List<(byte[] Text, bool MarkerInPiece)>();
        foreach (var (bytes, markerInPiece) in yielded)
        {
            var lines = KubernetesSplitter.Lines(bytes.Length > 0 && bytes[^1] == '\r' ? [.. bytes, (byte)'\n'] : bytes);

            // Liberal on the tool's side (a byte-order mark wherever it might be skipped): the tool may keep what is
            // empty for the readers to drop; Kubernetes' side says precisely which documents hold something. Not after
            // a marker in the piece: there go-yaml reads the mark as text ("---\n\uFEFF" is the string "\uFEFF").
            var body = lines.SkipWhile(KubernetesSplitter.StartsWithSeparator).ToList();
            if (!HoldsNothing(body, pieceStart: !markerInPiece))
            {
                actual.Add(([.. lines.SelectMany(line => line)], markerInPiece));
            }
        }

        if (actual.Count > expected.Count || (complete && actual.Count != expected.Count))
        {
            throw new InvariantViolationException(Invariant, $"the tool's splitter yields {actual.Count} documents that hold something, Kubernetes' {expected.Count}{(complete ? "" : " (before the tool's refusal)")}\n{Listing("tool", actual.Select(document => document.Text))}{Listing("Kubernetes", expected.Select(document => document.Text))}");
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (!actual[i].Text.AsSpan().SequenceEqual(expected[i].Text))
            {
                throw new InvariantViolationException(Invariant, $"document {i + 1} differs\n--- tool:\n{Show(actual[i].Text)}\n--- Kubernetes:\n{Show(expected[i].Text)}");
            }

            if (expected[i].StartsWithByteOrderMark && actual[i].MarkerInPiece != expected[i].MarkerInPiece)
            {
                throw new InvariantViolationException(Invariant, $"document {i + 1} starts with a byte-order mark, and the tool says its '---' line is {(actual[i].MarkerInPiece ? "" : "not ")}in Kubernetes' piece; it is {(expected[i].MarkerInPiece ? "" : "not")}\n{Show(actual[i].Text)}");
            }
        }
    }

    /// <summary>
    /// A line of nothing but spaces and tabs, or a comment that ends at the line's end. README: a comment holding a
    /// lone CR or a NUL is content; so is one holding another of go-yaml's line breaks (NEL, LS, PS), after which
    /// go-yaml reads on. Other control characters leave a comment (go-yaml refuses them, and so does the tool).
    /// </summary>
    private static bool IsBlankOrComment(byte[] line)
    {
        var text = line.AsSpan(0, line.Length - 1).TrimStart(" \t"u8);
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] != '#')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var breaks = text[i] is (byte)'\r' or 0
                || (text[i] == 0xC2 && i + 1 < text.Length && text[i + 1] == 0x85)
                || (text[i] == 0xE2 && i + 2 < text.Length && text[i + 1] == 0x80 && text[i + 2] is 0xA8 or 0xA9);
            if (breaks)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A <c>...</c> line as README says the tool takes it: followed by a space, a tab or the line's end.</summary>
    private static bool IsEndMarker(byte[] line) => IsYamlMarker(line, "..."u8);

    private static bool IsYamlMarker(byte[] line, ReadOnlySpan<byte> marker) =>
        line.AsSpan().StartsWith(marker) && line[3] is (byte)' ' or (byte)'\t' or (byte)'\n';

    /// <summary>A YAML marker with at most a comment after it: what README says a <c>---</c> line must be.</summary>
    private static bool IsYamlMarkerAlone(byte[] line, ReadOnlySpan<byte> marker)
    {
        if (!IsYamlMarker(line, marker))
        {
            return false;
        }

        // A lone CR is a line break to YAML: "---\t\r" is a marker alone, whichever splitter takes the CR as text.
        var rest = line.AsSpan(3, line.Length - 4).TrimStart(" \t\r"u8);
        return rest.IsEmpty || rest[0] == '#';
    }

    /// <summary>The lines of a document <see cref="KubernetesSplitter"/> gave, each ending at its "\n" as it came.</summary>
    private static List<byte[]> LinesOf(byte[] document)
    {
        var lines = new List<byte[]>();
        for (var start = 0; start < document.Length;)
        {
            var end = Array.IndexOf(document, (byte)'\n', start) + 1;
            lines.Add(document[start..end]);
            start = end;
        }

        return lines;
    }

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static string Listing(string who, IEnumerable<byte[]> documents) =>
        string.Concat(documents.Select((document, i) => $"--- {who} {i + 1}:\n{Show(document)}\n"));

    /// <summary>Bytes as readable text, control characters and non-ASCII escaped, so that a report shows what differs.</summary>
    private static string Show(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F or (byte)'\n' ? ((char)b).ToString() : $"\\x{b:X2}"));

    /// <summary>A document as the tool should yield it; whether its <c>---</c> line is in Kubernetes' piece, and whether a byte-order mark follows that line.</summary>
    private sealed record Expectation(byte[] Text, bool MarkerInPiece, bool StartsWithByteOrderMark);
}
