using System.Globalization;
using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>
/// The index must give exactly YamlDotNet's tree whenever it answers at all, and it must answer for the
/// YAML renderers usually emit (else the speed-up silently disappears).
/// </summary>
public sealed class YamlIndexTests
{
    // Reader against reader: both trees are compared before KubernetesReading, which every path then applies alike.
    private static readonly GeneralNodeReader General = new(ReaderLimits.Default);

    public static IEnumerable<string> Corpus()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = Core.ProcessIO.StandardStreams.OpenInput(File.OpenRead(file));
            List<RawDocument> documents;
            try
            {
                documents = TestDocuments.Split(reader, 1 << 26);
            }
            catch (UserException)
            {
                continue;
            }

            foreach (var document in documents)
            {
                yield return document.Text;
            }
        }

        foreach (var text in GeneratedDocuments(300))
        {
            yield return text;
        }
    }

    [Fact]
    public void Agrees_with_the_general_reader_on_every_fixture_and_generated_document()
    {
        var handled = 0;
        var total = 0;
        foreach (var text in Corpus())
        {
            total++;
            if (Compare(text))
            {
                handled++;
            }
        }

        Assert.True(handled * 10 >= total * 8, $"the index handled only {handled} of {total} documents");
    }

    [Theory]
    [InlineData(20261121)]
    [InlineData(7)]
    [InlineData(1999)]
    public void Agrees_with_the_general_reader_on_mutated_documents(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus().ToList();
        var handled = 0;
        var rounds = int.TryParse(System.Environment.GetEnvironmentVariable("FAST_READER_ROUNDS"), out var configured) ? configured : 4000;
        for (var i = 0; i < rounds; i++)
        {
            var text = Mutate(corpus[random.Next(corpus.Count)], random);
            if (Compare(text))
            {
                handled++;
            }
        }

        Assert.True(handled > 1000, $"only {handled} mutated documents were read by the fast path");
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: multi\n  line plain\n")]
    [InlineData("a: \"multi\n  line\"\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("- - nested\n")]
    [InlineData("a:\tb\n\tc: d\n")]
    [InlineData("a: x\ty\n")]
    [InlineData("a: x\u0085y\n")]
    [InlineData("a: [x\ty, z]\n")]
    [InlineData("a: {k: x\u0007y}\n")]
    [InlineData("---\n\uFEFFa: b\n")]
    [InlineData("a: b\n\uFEFFc: d\n")]
    public void Leaves_what_it_does_not_handle_to_the_general_reader(string text) =>
        Assert.Null(Indexed(text, strict: false));

    [Theory]
    [InlineData("a: 1\nb:\n  - x\n  - y: z\n    w: \"q\\n\"\nc: |\n  lit\n\n  eral\nd: >-\n  fold\n  ed\n\n  para\n")]
    [InlineData("list:\n- a\n- {b: c, d: [e, 'f''g']}\n- \"\\u00e9\\x41\\t\"\n- |+\n  keep\n\n- ~\n-\nafter: x # comment\n")]
    [InlineData("---\n# Source: x\nkind: ConfigMap\ndata:\n  k: v\n...\n")]
    [InlineData("a: b#c\n")]
    [InlineData("b: b #c\n")]
    [InlineData("c: b:c\n")]
    [InlineData("d: http://x:80/p?q=#f # note\n")]
    [InlineData("e: x\u00e9y:\u2603 #\n")]
    [InlineData("f: {a: 'b#c', d: e}\n")]
    [InlineData("g: [b#c, d] # e\n")]
    [InlineData("h: [x\u00e9y, {k: \u2603}]\n")]
    public void Reads_renderer_output_like_the_general_reader(string text) =>
        Assert.True(Compare(text), "the index gave up on typical renderer output");

    [Fact]
    public void Reads_a_document_of_many_lines_like_the_general_reader()
    {
        // Longer than any table the index starts with: its tables grow without losing a line.
        var text = new StringBuilder("kind: ConfigMap\ndata:\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  key-{i}: value-{i}\n  block-{i}: |\n    line {i}\n\n    end\n");
        }

        Assert.True(Compare(text.ToString()), "the index gave up on a long document");
        var data = (MappingNode)((MappingNode)Indexed(text.ToString(), strict: true)!).Get("data")!;
        Assert.Equal(6000, data.Count);
        Assert.Equal("value-0", data.GetString("key-0"));
        Assert.Equal("line 2999\n\nend\n", data.GetString("block-2999"));
    }

    /// <summary>True when the index answered (and agreed); false when it gave up.</summary>
    private static bool Compare(string text)
    {
        var fast = Indexed(text, strict: true);
        if (fast is null)
        {
            return false;
        }

        Node? general;
        try
        {
            general = General.Read(new RawDocument(1, 1, Encoding.UTF8.GetBytes(text), null));
        }
        catch (DocumentException ex)
        {
            Assert.Fail($"the index accepted what YamlDotNet rejects ({ex.Message}):\n{Visible(text)}");
            return false;
        }

        var difference = Difference(general!, fast, "$");
        Assert.True(difference is null, $"{difference}\n--- document:\n{Visible(text)}");
        return true;
    }

    /// <summary>The tree the index gives, before KubernetesReading; null when it declines.</summary>
    internal static Node? Indexed(string text, bool strict)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var index = new YamlIndex();
        var built = strict ? index.TryBuildStrict(utf8, ReaderLimits.Default.MaxDepth) : index.TryBuild(utf8, ReaderLimits.Default.MaxDepth);
        return built ? IndexedTree.Build(index, utf8) : null;
    }

    private static string? Difference(Node expected, Node actual, string path)
    {
        if (expected.GetType() != actual.GetType() || expected.Tag != actual.Tag)
        {
            return $"{path}: {Describe(expected)} read as {Describe(actual)}";
        }

        switch (expected)
        {
            case ScalarNode scalar:
                var other = (ScalarNode)actual;
                return scalar.Value == other.Value && scalar.IsPlain == other.IsPlain
                    ? null
                    : $"{path}: {Describe(expected)} read as {Describe(actual)}";
            case SequenceNode sequence:
                var items = ((SequenceNode)actual).Items;
                if (items.Count != sequence.Items.Count)
                {
                    return $"{path}: {sequence.Items.Count} items read as {items.Count}";
                }

                return sequence.Items.Select((item, i) => Difference(item, items[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                var entries = ((MappingNode)actual).Entries;
                var expectedEntries = ((MappingNode)expected).Entries;
                if (entries.Count != expectedEntries.Count)
                {
                    return $"{path}: {expectedEntries.Count} entries read as {entries.Count}";
                }

                return expectedEntries.Select((entry, i) =>
                    Difference(entry.Key, entries[i].Key, $"{path}.key{i}") ?? Difference(entry.Value, entries[i].Value, $"{path}.{entry.Key}"))
                    .FirstOrDefault(d => d is not null);
        }
    }

    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is '\n' or (>= ' ' and < '\x7f') ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string Describe(Node node) => node switch
    {
        ScalarNode scalar => $"{(scalar.IsPlain ? "plain" : "string")} '{scalar.Value.Replace("\n", "\\n", StringComparison.Ordinal)}'",
        _ => node.GetType().Name,
    };

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var operations = random.Next(1, 4);
        for (var i = 0; i < operations && lines.Count > 0; i++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(9))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: lines[at] = "  " + lines[at]; break;
                case 3: lines[at] = lines[at].TrimStart(); break;
                case 4: lines[at] = Insert(lines[at], random, "\"'#:-|>[]{},&*!? \t\\"); break;
                case 5: lines[at] = Insert(lines[at], random, "é✓\u00a0\u2028\u0085\u007f"); break;
                case 6: lines[at] = lines[at] + " # note"; break;
                case 7: lines.Insert(at, string.Empty); break;
                default: lines[at] = lines[at].Replace(": ", ":", StringComparison.Ordinal); break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string Insert(string line, Random random, string alphabet) =>
        line.Insert(random.Next(line.Length + 1), alphabet[random.Next(alphabet.Length)].ToString());

    private static IEnumerable<string> GeneratedDocuments(int count)
    {
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var builder = new StringBuilder();
            builder.Append(CultureInfo.InvariantCulture, $"---\n# Source: chart/templates/t{i}.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d{i}\n  labels: {{app: a{i}, tier: \"web\"}}\n");
            builder.Append(CultureInfo.InvariantCulture, $"spec:\n  replicas: {random.Next(5)}\n  template:\n    spec:\n      containers:\n      - name: c\n        image: \"img:{i}\"\n        args: [\"--port\", \"80\"]\n        env:\n        - name: A\n          value: 'x''y'\n        - name: B\n          valueFrom:\n            secretKeyRef: {{name: s, key: k}}\n");
            builder.Append("      volumes:\n        - name: cfg\n          configMap:\n            name: cfg\n  script: |\n    #!/bin/sh\n    echo \"---\"\n\n    exit 0\n  folded: >\n    one\n    two\n\n    three\n");
            yield return builder.ToString();
        }
    }

    [Theory]
    [InlineData("---\n\uFEFFkind: Secret\n", 2)]
    [InlineData("a: b\n\uFEFFc: d\n", 2)]
    [InlineData("--- x\n\uFEFFb\n", 2)]
    [InlineData("\uFEFF\uFEFFa: b\n", 1)]
    public void A_byte_order_mark_at_a_line_start_inside_the_document_is_refused(string text, int line)
    {
        // go-yaml reads it as text (the key \uFEFFkind), YamlDotNet skips it: the two read such a line apart.
        // The '---' line is in Kubernetes' piece (the stream's start), so go-yaml skips no mark after it.
        var document = new RawDocument(1, 1, Encoding.UTF8.GetBytes(text), null) { MarkerInPiece = true };
        var error = Assert.Throws<DocumentException>(() => General.Read(document));
        Assert.Contains($"a byte-order mark (U+FEFF) at the start of a line inside the document; remove it (line {line})", error.Message, StringComparison.Ordinal);
    }
}
