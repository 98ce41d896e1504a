using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

public sealed class DocumentSplitterTests
{
    private const string Directive = "a directive (%YAML or %TAG) before a document";
    private const string Tab = "a tab before the document's first node";

    private static List<RawDocument> Split(string text, int max = 1 << 20) => TestDocuments.Split(text, max);

    [Fact]
    public void Markers_only_at_column_zero_followed_by_space_tab_or_end_split()
    {
        var documents = Split("a: 1\n---\nb: |\n  ---\n  -----BEGIN X-----\n---\t# c\nc: 2\n--- # d\nd: 3\n");
        Assert.Equal(4, documents.Count);
        Assert.Equal("a: 1\n", documents[0].Text);
        Assert.Contains("-----BEGIN X-----", documents[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("---\t# c\nc: 2", documents[2].Text, StringComparison.Ordinal);
        Assert.StartsWith("--- # d\nd: 3", documents[3].Text, StringComparison.Ordinal);
    }

    // apimachinery's YAMLReader refuses a '---' line with anything but a comment after it, and takes '---#x' as a
    // separator where YAML reads text: the tool refuses both rather than convert what the cluster reads otherwise.
    [Theory]
    [InlineData("a: 1\n--- b: 2\n", 2)]
    [InlineData("--- {kind: Secret}\n", 1)]
    [InlineData("a: 1\n---\tx\n", 2)]
    [InlineData("a: 1\n----\n", 2)]
    [InlineData("a: 1\n---x: 3\n", 2)]
    [InlineData("a: 1\n---#x\n", 2)]
    [InlineData("a: 1\n--- \v\n", 2)] // Go's TrimSpace takes \v for white space; the tool wrote a document "\v"
    [InlineData("a: 1\n--- \u00A0\n", 2)] // and every Unicode space, NBSP too
    [InlineData("a: 1\n---\f# c\n", 2)]
    public void Separator_lines_Kubernetes_and_YAML_read_apart_are_refused(string text, int line)
    {
        var error = Assert.Throws<UserException>(() => Split(text));
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'---'", error.Message, StringComparison.Ordinal);
    }

    // Found by the fuzz harness's independent splitter (fixtures/fuzz/crashes/splitter-*): each time the tool cut
    // the stream where apimachinery's YAMLReader, which the cluster uses, does not.
    [Theory]
    [InlineData("a: 1\n---\n#\n\uFEFF#\n", new[] { "a: 1\n", "---\n#\n\uFEFF#\n" })] // a mark not at a piece's start is text
    [InlineData("a: 1\n---\n# x\u2028b: 1\n", new[] { "a: 1\n", "---\n# x\u2028b: 1\n" })] // go-yaml ends a comment at LS
    [InlineData("a: 1\n---\n# x\u0085b: 1\n", new[] { "a: 1\n", "---\n# x\u0085b: 1\n" })] // and at NEL
    [InlineData("a: 1\n---\n# x\u2029b: 1\n", new[] { "a: 1\n", "---\n# x\u2029b: 1\n" })] // and at PS
    public void Documents_are_cut_where_Kubernetes_cuts_them(string text, string[] expected)
    {
        Assert.Equal(expected, Split(text).Select(d => d.Text));
    }

    // apimachinery keeps a '---' in the next piece only while that piece is empty: '---\n---\n' is a piece holding
    // the first '---', ended (and the second dropped) by the second, so a byte-order mark after it starts a piece.
    [Theory]
    [InlineData("---\n---\n\uFEFFa: 1\n", false, "---\na: 1\n")]
    [InlineData("---\n---\n---\n\uFEFFa: 1\n", true, "---\n\uFEFFa: 1\n")]
    [InlineData("---\n\uFEFFa: 1\n", true, "---\n\uFEFFa: 1\n")]
    [InlineData("x: 1\n---\n\uFEFFa: 1\n", false, "---\na: 1\n")]
    public void A_marker_is_in_the_piece_only_when_the_piece_was_empty(string text, bool markerInPiece, string documentText)
    {
        var document = Split(text)[^1];
        Assert.Equal(markerInPiece, document.MarkerInPiece);
        Assert.Equal(documentText, document.Text);
    }

    [Fact]
    public void Empty_and_comment_only_documents_are_dropped_and_indexes_count_the_rest()
    {
        var documents = Split("# header\n---\n---\n# only comment\n---\nx: 1\n...\n---\n\n---\ny: 2\n");
        Assert.Equal([1, 2], documents.Select(d => d.Index));
        Assert.Equal([5, 10], documents.Select(d => d.StartLine));
    }

    [Fact]
    public void Leading_source_comment_is_kept()
    {
        var document = Assert.Single(Split("---\n# Source: chart/templates/a.yaml\n# other\nx: 1\n# Source: not leading\n"));
        Assert.Equal("# Source: chart/templates/a.yaml", document.SourceComment);
    }

    [Theory]
    [InlineData("# Source: x\r:\nd: 1\n")]
    [InlineData("# Source: a\u0085b\nx: 1\n")]
    [InlineData("# Source: a\u2028b\nx: 1\n")]
    public void A_source_comment_with_a_line_break_is_not_kept(string text)
    {
        // Written back as it is, it would break the line for go-yaml, which breaks lines at CR, NEL, LS and PS too.
        var document = Assert.Single(Split(text));
        Assert.Null(document.SourceComment);
    }

    [Theory]
    [InlineData("# Source:\0\u0001\n1\n", 1, "U+0000")]
    [InlineData("# Source: a\u0001b\nx: 1\n", 1, "U+0001")]
    [InlineData("# Source: a\u007Fb\nx: 1\n", 1, "U+007F")]
    [InlineData("a: 1\n---\nb: x\fy\n", 3, "U+000C")]
    [InlineData("a: 1\n---\n\v\n", 3, "U+000B")]
    [InlineData("a: 1\n---\n# only a comment \u001B\n", 3, "U+001B")]
    [InlineData("a: \"\u0080\"\n", 1, "U+0080")]
    [InlineData("a: \"\u009F\"\n", 1, "U+009F")]
    [InlineData("a: x\n\nb: \uFFFE\n", 3, "U+FFFE")]
    [InlineData("a: \uFFFF\n", 1, "U+FFFF")]
    public void A_character_go_yaml_refuses_is_refused_with_its_line_even_in_a_comment(string text, int line, string character)
    {
        // go-yaml's reader refuses these anywhere in what it is given ("control characters are not allowed"), so
        // Kubernetes refuses the stream; YamlDotNet reads them, and a copy of the document would hide the error.
        var error = Assert.Throws<UserException>(() => Split(text));

        Assert.StartsWith($"line {line}: the character {character}, which Kubernetes refuses", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: \"x\ty\"\r\n")]
    [InlineData("a: \u00A0\u00BF\u0100\n")]
    [InlineData("a: x\uFEFFy\n")]
    [InlineData("a: \uFFFD\uE000\uD7FF\n")]
    [InlineData("a: \U0001F600\U0010FFFF\n")]
    [InlineData("a: \u0085\n")]
    public void Characters_go_yaml_reads_are_not_refused(string text)
    {
        Assert.Single(Split(text));
    }

    [Fact]
    public void A_comment_line_holding_a_lone_cr_is_content()
    {
        // YAML breaks the line at the CR: ':' after it is a key, so the document holds a node.
        var document = Assert.Single(Split("# only\r:\n"));
        Assert.Null(document.SourceComment);
    }

    [Fact]
    public void Crlf_text_is_kept_raw_and_reads_like_lf()
    {
        var documents = Split("a: 1\r\nb: 2\r\n---\r\nc: |\r\n  x\r\n");
        Assert.Equal(["a: 1\r\nb: 2\r\n", "---\r\nc: |\r\n  x\r\n"], documents.Select(d => d.Text));
        var block = (ScalarNode)((MappingNode)new NodeReader(ReaderLimits.Default).Read(documents[1])!).Get("c")!;
        Assert.Equal("x\n", block.Value);
    }

    [Fact]
    public void Documents_larger_than_the_read_buffer_and_markers_across_reads_split_right()
    {
        var big = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i}: v{i}\n"));
        var documents = Split(big + "---\n" + big + "...\n" + "---\nz: 1\n", max: 1 << 22);
        Assert.Equal(3, documents.Count);
        Assert.Equal(big, documents[0].Text);
        Assert.Equal("---\n" + big + "...\n", documents[1].Text);
        Assert.Equal(40_003, documents[2].StartLine);
    }

    // Directives: Kubernetes cuts at the '---' after one, and go-yaml refuses a piece of only a directive. Tabs: YAML
    // 1.2 takes the tab for white space; go-yaml, where a key could start, cannot start a token with it.
    [Theory]
    [InlineData("%YAML 1.1\n---\na: 1\n", 1, Directive)]
    [InlineData("a: 1\n---\n# c\n%TAG ! tag:example.com,2000:\n---\nb: 1\n", 4, Directive)]
    [InlineData("a: 1\n---\n%YAML 1.2\n", 3, Directive)]
    [InlineData("a: 1\n---\n\uFEFF%YAML 1.2\n---\nb: 1\n", 3, Directive)]
    [InlineData("a: 1\n---\n\t\nb: 1\n", 3, Tab)]
    [InlineData("\t# c\na: 1\n", 1, Tab)]
    [InlineData("# c\n  \ta: 1\n", 2, Tab)]
    [InlineData("---\n\t\n---\na: 1\n", 2, Tab)]
    [InlineData("a: 1\n---\n\t\r\n", 3, Tab)]
    public void A_line_before_a_documents_first_node_that_go_yaml_refuses_is_refused(string text, int line, string what)
    {
        var error = Assert.Throws<UserException>(() => Split(text));

        Assert.StartsWith($"line {line}: {what}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# c\t\na: 1\t\nb:\n\t- 1\n")]
    [InlineData("a: |\n  x\n  \t\n")]
    public void Tabs_after_a_documents_first_node_are_left_to_the_readers(string text)
    {
        Assert.Single(Split(text));
    }

    [Fact]
    public void A_directive_or_a_tab_after_an_end_marker_is_ignored_as_go_yaml_ignores_it()
    {
        // go-yaml reads the first document of Kubernetes' piece 'a: 1\n...\n%YAML 1.2\n\t\n' and stops at '...'.
        var documents = Split("a: 1\n...\n%YAML 1.2\n\t\n---\nb: 1\n");

        Assert.Equal(["a: 1\n...\n", "---\nb: 1\n"], documents.Select(d => d.Text));
    }

    [Fact]
    public void Oversized_documents_and_lines_fail_cleanly()
    {
        Assert.Throws<UserException>(() => Split("a: " + new string('x', 5000) + "\n", max: 1000));
        Assert.Throws<UserException>(() => Split(string.Concat(Enumerable.Repeat("a: b\n", 1000)), max: 1000));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(7)]
    public void Thousands_of_documents_of_every_size_come_out_whole_and_in_order(int chunk)
    {
        // Documents of 1 to ~6,000 characters, so document ends fall everywhere relative to the buffer's refills.
        var random = new Random(17);
        var expected = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var lines = random.Next(1, 300);
            var text = string.Concat(Enumerable.Range(0, lines).Select(n => $"k{n}: {new string('v', random.Next(0, 20))}\n"));
            expected.Add(i == 0 ? text : (i % 5 == 0 ? "--- \n" : "---\n") + text + (i % 7 == 0 ? "...\n" : ""));
        }

        var input = string.Concat(expected);
        var documents = TestDocuments.Split(new ChunkedStream(Encoding.UTF8.GetBytes(input), chunk), 1 << 20);

        Assert.Equal(expected, documents.Select(d => d.Text));
        Assert.Equal(expected.Count, documents[^1].Index);
        var line = 1;
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(line, documents[i].StartLine);
            line += expected[i].Count(c => c == '\n');
        }
    }

    [Theory]
    [InlineData("a: 1\nb: 2\n---\nc: 3\nd: caf\u00e9\ne: 5\nf: ", new byte[] { 0xFF })]
    [InlineData("a: 1\nb: 2\n---\nc: 3\nd: caf\u00e9\ne: 5\nf: ", new byte[] { 0xC3, 0x0A })]
    [InlineData("a: 1\nb: 2\n---\nc: 3\nd: caf\u00e9\ne: 5\nf: ", new byte[] { 0xC0, 0x80 })]
    [InlineData("a: 1\nb: 2\n---\nc: 3\nd: caf\u00e9\ne: 5\nf: ", new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData("a: 1\n...\n---\nc: \U0001F600\n# x\nd: \u20ac\nf: ", new byte[] { 0x80 })]
    public void Invalid_utf8_is_a_user_error_naming_its_line(string before, byte[] invalid)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes(before), .. invalid, .. "x\ng: 6\n---\nh: 7\n"u8];

        var ex = Assert.Throws<UserException>(() => TestDocuments.Split(new MemoryStream(input), 1 << 20));

        Assert.StartsWith("line 7:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
    }

    [Fact]
    public void A_documents_bytes_are_gone_once_the_splitter_moves_on_but_its_text_read_before_stays()
    {
        using var documents = new DocumentSplitter(TestDocuments.Utf8("a: caf\u00e9\n---\nb: 2\n"), 1 << 20).ReadDocuments().GetEnumerator();

        Assert.True(documents.MoveNext());
        var first = documents.Current;
        Assert.Equal("a: caf\u00e9\n", first.Text);
        Assert.True(documents.MoveNext());
        var second = documents.Current;

        Assert.Throws<InvalidOperationException>(() => first.Utf8.Length);
        Assert.Equal("a: caf\u00e9\n", first.Text);
        Assert.Equal("---\nb: 2\n"u8.ToArray(), second.Utf8.ToArray());
        Assert.False(documents.MoveNext());
        Assert.Throws<InvalidOperationException>(() => second.Utf8.Length);
        Assert.Throws<InvalidOperationException>(() => second.Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Multibyte_characters_split_across_reads_yield_the_same_documents(int chunk)
    {
        string[] expected =
        [
            "# Source: caf\u00e9.yaml\na: \u00e9\u20ac\U0001F600\n",
            "---\nb: \U0001F600\U0001F600\u00e9\n\u00fc: \u2014\n...\n",
            "--- \nc: \u00a9\u20ac\n",
            "---\nd: \U0001F600\u00e9\u20ac\U0001F600",
        ];
        var bytes = Encoding.UTF8.GetBytes(string.Concat(expected));

        var whole = TestDocuments.Split(new MemoryStream(bytes), 1 << 20);
        var chunked = TestDocuments.Split(new ChunkedStream(bytes, chunk), 1 << 20);

        // A document's text ends with a line break, as go-yaml reads the end of the input.
        string[] texts = [.. expected[..^1], expected[^1] + "\n"];
        Assert.Equal(texts, whole.Select(d => d.Text));
        Assert.Equal(texts, chunked.Select(d => d.Text));
        Assert.Equal(whole.Select(d => (d.Index, d.StartLine, d.SourceComment)), chunked.Select(d => (d.Index, d.StartLine, d.SourceComment)));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(4099)]
    public void Lines_skipped_sixteen_bytes_at_a_time_give_what_one_byte_reads_give(int chunk)
    {
        // One-byte reads never hold sixteen bytes of whole lines, so they take the line-by-line loop throughout.
        var bytes = Encoding.UTF8.GetBytes(RandomLines(new Random(23), 20_000));

        var expected = Describe(new ChunkedStream(bytes, 1));
        var actual = Describe(new ChunkedStream(bytes, chunk));

        Assert.True(expected.Count > 500, $"only {expected.Count} documents");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_splitter_that_reuses_one_document_object_describes_every_document_as_a_fresh_one_does()
    {
        // Directives (a document of its own), source comments, CRLF and a byte-order mark after a marker: every field
        // the reused object carries must follow each document, the lazily decoded ones too.
        var bytes = Encoding.UTF8.GetBytes(RandomLines(new Random(29), 20_000) + "---\n\uFEFFlast: 1\n");
        var seen = new HashSet<RawDocument>(ReferenceEqualityComparer.Instance);
        var count = 0;

        var expected = Describe(new ChunkedStream(bytes, 4099));
        var actual = Describe(new ChunkedStream(bytes, 4099), reuse: true, document => count += seen.Add(document) ? 1 : 0);

        Assert.True(expected.Count > 500, $"only {expected.Count} documents");
        Assert.Equal(expected, actual);
        // One object for the documents without directives; one more for each that has some.
        Assert.InRange(count, 1, expected.Count / 10);
    }

    // Every kind of line the skip must tell apart, in runs long and short: markers, near-markers, column-0 sequence
    // items and keys, indented lines, comments, empty lines, CRLF line ends, non-ASCII, and "---" indented in a block.
    private static string RandomLines(Random random, int count)
    {
        string[] kinds =
        [
            "---\n", "--- # c\n", "...\n", "--\n", "-\n", "- item\n", "-x: 1\n", ".hidden: 1\n", "..x\n",
            "key: value\n", "kind: Secret\n", "  indented: 1\n", "\tx\n", "# comment\n", "# Source: a/b.yaml\n", "\n", "\r\n",
            "a: b\r\n", "  ---\n", "  ...\n", "caf\u00e9: \u20ac\n", "%YAML 1.2\n", "#\n", " \n",
        ];
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var run = random.Next(4) == 0 ? random.Next(1, 40) : 1;
            var line = random.Next(5) < 3 ? $"{(random.Next(3) == 0 ? "" : "  ")}k{i}: {new string('v', random.Next(0, 70))}\n" : kinds[random.Next(kinds.Length)];
            for (var r = 0; r < run; r++)
            {
                text.Append(line);
            }
        }

        return text.ToString();
    }

    private static List<string> Describe(Stream input, bool reuse = false, Action<RawDocument>? onDocument = null)
    {
        var described = new List<string>();
        // Random lines put text after '...' lines, directives, tabs before a first node: the cutting is what is compared
        // here, not those rules.
        foreach (var document in new DocumentSplitter(input, 1 << 24) { RefusesLinesKubernetesRefuses = false, ReusesDocuments = reuse }.ReadDocuments())
        {
            onDocument?.Invoke(document);
            described.Add($"{document.Index}@{document.StartLine} [{document.SourceComment}]\n{document.Text}");
        }

        return described;
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a pipe does.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
