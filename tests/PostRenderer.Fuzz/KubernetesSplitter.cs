namespace PostRenderer.Fuzz;

/// <summary>One document as Kubernetes' splitter hands it to go-yaml.</summary>
/// <param name="Text">Its lines, every one ended by "\n"; a separator line is in it only when the YAMLReader keeps it
/// (nothing was read since the previous separator, or the stream's start).</param>
/// <param name="DroppedSeparator">The separator line that ended the document before it and was dropped, if any.</param>
internal sealed record KubernetesDocument(byte[] Text, byte[]? DroppedSeparator);

/// <summary>A stream as Kubernetes' splitter cuts it: the documents read, in order, and the error that stopped it.</summary>
/// <param name="Error">"invalid Yaml document separator: ..." when a line starting with "---" holds more than a
/// comment; the documents before that line are listed. Null when the whole stream was read.</param>
internal sealed record KubernetesSplit(IReadOnlyList<KubernetesDocument> Documents, string? Error)
{
    /// <summary>With <see cref="Error"/>: the document read when the error came, which the YAMLReader discards.</summary>
    public KubernetesDocument? Unfinished { get; init; }
}

/// <summary>
/// The rule of k8s.io/apimachinery/pkg/util/yaml's YAMLReader, as tests/tools/k8s-yaml-oracle implements it
/// (splitStream, readLine): the fuzz harness holds the tool's own splitter to it, and reads the tool's output
/// back with it. Deliberately plain, one line at a time, and sharing nothing with Core's DocumentSplitter:
/// a rule written twice the same wrong way would hide the bug it is here to find.
/// </summary>
internal static class KubernetesSplitter
{
    private const string Separator = "---";

    public static KubernetesSplit Split(byte[] stream)
    {
        var documents = new List<KubernetesDocument>();
        var current = new List<byte>();
        byte[]? dropped = null;
        foreach (var line in Lines(stream))
        {
            if (StartsWithSeparator(line))
            {
                var rest = TrimGoSpaceStart(line[Separator.Length..^1]);
                if (rest.Length > 0 && rest[0] != '#')
                {
                    return new KubernetesSplit(documents, $"invalid Yaml document separator: {System.Text.Encoding.UTF8.GetString(rest)}")
                    {
                        Unfinished = current.Count > 0 ? new KubernetesDocument([.. current], dropped) : null,
                    };
                }

                if (current.Count > 0)
                {
                    documents.Add(new KubernetesDocument([.. current], dropped));
                    current.Clear();
                    dropped = line;
                    continue;
                }

                // Nothing read since the last separator: the YAMLReader keeps this one as the next document's first line.
            }

            current.AddRange(line);
        }

        if (current.Count > 0)
        {
            documents.Add(new KubernetesDocument([.. current], dropped));
        }

        return new KubernetesSplit(documents, null);
    }

    /// <summary>
    /// The lines as apimachinery's LineReader gives them (bufio's ReadLine, pieces of a long line joined): "\n" or
    /// "\r\n" ends a line and becomes "\n"; a last line without one gets one, and keeps a CR it ends with.
    /// </summary>
    public static List<byte[]> Lines(byte[] stream)
    {
        var lines = new List<byte[]>();
        var start = 0;
        while (start < stream.Length)
        {
            var newline = Array.IndexOf(stream, (byte)'\n', start);
            var end = newline < 0 ? stream.Length : newline;
            var contentEnd = newline >= 0 && end > start && stream[end - 1] == '\r' ? end - 1 : end;
            lines.Add([.. stream[start..contentEnd], (byte)'\n']);
            start = end + 1;
        }

        return lines;
    }

    /// <summary>bytes.Index(line, "---") == 0.</summary>
    public static bool StartsWithSeparator(byte[] line) =>
        line.Length >= Separator.Length && line[0] == '-' && line[1] == '-' && line[2] == '-';

    /// <summary>
    /// What is left of <paramref name="text"/> after Go's strings.TrimSpace takes off its leading white space
    /// (unicode.IsSpace: ASCII's six, NEL, NBSP and Unicode's other spaces); bytes that are not UTF-8 are no space.
    /// Only its start matters to the YAMLReader: whether anything is left, and whether that is a '#'.
    /// </summary>
    private static byte[] TrimGoSpaceStart(byte[] text)
    {
        var at = 0;
        while (at < text.Length
            && System.Text.Rune.DecodeFromUtf8(text.AsSpan(at), out var rune, out var length) == System.Buffers.OperationStatus.Done
            && IsGoSpace(rune.Value))
        {
            at += length;
        }

        return text[at..];
    }

    private static bool IsGoSpace(int c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A)
            or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;
}
