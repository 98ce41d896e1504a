using System.Text;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Tests.Rendering;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Conversion;

/// <summary>
/// The Secret path (IndexedSecret) and the ExternalSecret text writer are a second path beside the node tree: every
/// render must come out the same, byte for byte (plans, warnings and errors too), with the fast path on or off.
/// </summary>
public sealed class IndexedSecretTests
{
    private const string Shapes = """
        # Source: app/templates/secret.yaml
        apiVersion: v1
        kind: Secret
        metadata:
          name: shapes
          namespace: team
          labels:
            z.example/last: "1"
            app.kubernetes.io/name: app
            version: "1.10"
          annotations:
            helm.sh/hook: pre-install
            note: 'single quoted'
            plain-true: "true"
        type: kubernetes.io/tls
        immutable: true
        data:
          tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
          binary: /w==
          empty: ""
          same: b2xk
        stringData:
          same: new
          clip: |
            line one

            line three


          strip: |-
            first
              indented more
            back
          number: "5432"
          url: postgres://u:p@host:5432/db?x=1#frag
          quoted: "a: b # not a comment"
        ---
        apiVersion: "v1"
        kind: 'Secret'
        metadata:
          name: "1234"
          labels: {}
        data:
          k: dmFsdWU=
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: lenient
        data:
          unused-bits: QR==
          plain-null: null
        ---
        apiVersion: v1
        kind: Secret
        metadata:
            name: deep
        stringData:
            last: |
                no final newline
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: café-über
          namespace: équipe
        data:
          k: dmFsdWU=
        """;

    // Store entries the file store refuses ('..' and '.' segments): both paths must fail with the same message. (The
    // Secret path takes only documents that end in a line break.)
    private static readonly string[] RefusedEntries = ["a/..", "'.'"];

    private static string RefusedEntry(string @namespace) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
          namespace: {@namespace}
        data:
          k: dmFsdWU=
        """;

    public static TheoryData<string> Variants() => RenderDifferential.Variants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_render_is_the_same_with_the_fast_path_on_and_off(string variant)
    {
        var settings = RenderDifferential.SettingsFor(variant);
        var mismatches = new List<string>();
        var corpus = RenderDifferential.Corpus(Shapes);
        corpus.AddRange(RefusedEntries.Select(@namespace => Encoding.UTF8.GetBytes(RefusedEntry(@namespace) + "\n")));
        for (var i = 0; i < corpus.Count; i++)
        {
            // With plans taken (a populating run) and without (where a plain Secret goes from its text to the output).
            foreach (var collectPlans in new[] { true, false })
            {
                var fast = RenderDifferential.Render(settings, corpus[i], collectPlans);
                var full = RenderDifferential.Render(settings, corpus[i], collectPlans, useSecretPath: false);
                if (fast != full)
                {
                    mismatches.Add($"case {i}, plans taken: {collectPlans}:\n--- fast\n{fast}\n--- full\n{full}\n--- input\n{Encoding.UTF8.GetString(corpus[i])}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {corpus.Count} renders differ; the first:\n{mismatches.FirstOrDefault()}");
    }

    [Fact]
    public void The_corpus_exercises_the_fast_path()
    {
        var accepted = 0;
        var declined = 0;
        foreach (var input in RenderDifferential.Corpus(Shapes))
        {
            try
            {
                foreach (var document in new DocumentSplitter(new MemoryStream(input), int.MaxValue / 2).ReadDocuments())
                {
                    var read = Read(document.Utf8, new DocumentLocation(document.Index, document.StartLine), out _) is not null;
                    accepted += read ? 1 : 0;
                    declined += read ? 0 : 1;
                }
            }
            catch (UserException)
            {
                // Not UTF-8 (a mutation's doing): the splitter refuses the input before any reader sees it.
            }
        }

        Assert.True(accepted > 100, $"only {accepted} documents took the fast path");
        Assert.True(declined > 500, $"only {declined} documents were declined");
    }

    [Fact]
    public void Block_scalars_plain_and_quoted_values_read_as_yaml_reads_them()
    {
        var secret = Read(Bytes(Shapes, 0), new DocumentLocation(1, 1), out var located);

        Assert.NotNull(secret);
        Assert.Equal(("Secret", "shapes", "team"), (located.Kind, located.Name, located.Namespace));
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.True(secret.Immutable);
        var values = secret.Values.ToDictionary(value => value.Key, value => value.StoreText);
        Assert.Equal("line one\n\nline three\n", values["clip"]);
        Assert.Equal("first\n  indented more\nback", values["strip"]);
        Assert.Equal("new", values["same"]);
        Assert.Equal("5432", values["number"]);
        Assert.Equal("postgres://u:p@host:5432/db?x=1#frag", values["url"]);
        Assert.Equal("a: b # not a comment", values["quoted"]);
        Assert.Equal("", values["empty"]);
        Assert.True(secret.Values.Single(value => value.Key == "binary").IsBinary);
        Assert.Equal(["app.kubernetes.io/name", "version", "z.example/last"], secret.Labels.Entries.Select(entry => ((ScalarNode)entry.Key).Value));
        // go-yaml reads the end of the input as a line break: the document's text ends with one, and the block keeps it.
        Assert.Equal("no final newline\n", Read(Bytes(Shapes, 3), new DocumentLocation(4, 1), out _)!.Values[0].StoreText);
        Assert.Null(Read("apiVersion: v1\nkind: Secret\nmetadata:\n  name: n\nstringData:\n  k: |\n    v"u8, new DocumentLocation(1, 1), out _));
    }

    [Theory]
    [InlineData("a comment between keys", "apiVersion: v1\nkind: Secret\n# note\nmetadata:\n  name: x\ndata:\n  k: dg==\n")]
    [InlineData("a flow mapping", "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\ndata:\n  k: dg==\n")]
    [InlineData("a kept block", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: |+\n    v\n")]
    [InlineData("a folded block", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: >\n    v\n")]
    [InlineData("a trailing comment", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: v # why\n")]
    [InlineData("a document end marker", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: v\n...\n")]
    public void What_the_index_reads_plainly_the_Secret_path_takes_and_renders_as_the_tree_path(string shape, string text)
    {
        // The old line-by-line Secret reader declined these; the index reads them as YamlDotNet does.
        Assert.True(Read(Bytes(text, 0), new DocumentLocation(1, 1), out _) is not null, shape);
        var input = Encoding.UTF8.GetBytes(text);
        foreach (var collectPlans in new[] { true, false })
        {
            Assert.Equal(
                RenderDifferential.Render(new Core.Configuration.Settings(), input, collectPlans, useSecretPath: false),
                RenderDifferential.Render(new Core.Configuration.Settings(), input, collectPlans));
        }
    }

    [Theory]
    [InlineData("a tab", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k:\tdg==\n")]
    [InlineData("an anchor", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: &n x\ndata:\n  k: dg==\n")]
    [InlineData("a tag", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: !!binary dg==\n")]
    [InlineData("a block in data", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: |\n    dg==\n")]
    [InlineData("a line of spaces in a block", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: |\n    a\n      \n    b\n")]
    [InlineData("a duplicate key", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: dg==\n  k: dg==\n")]
    [InlineData("a duplicate field", "apiVersion: v1\nkind: Secret\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: dg==\n")]
    [InlineData("a key with a slash", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  a/b: dg==\n")]
    [InlineData("bad base64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: not*base64\n")]
    [InlineData("base64 with unused bits set", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: QR==\n")]
    [InlineData("a plain null in data", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: null\n")]
    [InlineData("a tab in a block", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: |\n    a\tb\n")]
    [InlineData("a null value", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k:\n")]
    [InlineData("a multi-line plain value", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: a\n    b\n")]
    [InlineData("an unknown field", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  finalizers: []\ndata:\n  k: dg==\n")]
    [InlineData("another kind", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n")]
    [InlineData("another API version", "apiVersion: v2\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: dg==\n")]
    [InlineData("no name", "apiVersion: v1\nkind: Secret\nmetadata:\n  namespace: x\ndata:\n  k: dg==\n")]
    [InlineData("CRLF line ends", "apiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: x\r\ndata:\r\n  k: dg==\r\n")]
    [InlineData("an escape in double quotes", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: \"a\\nb\"\n")]
    public void Anything_else_is_left_to_the_full_path(string shape, string text)
    {
        Assert.True(Read(Bytes(text, 0), new DocumentLocation(1, 1), out _) is null, shape);
    }

    /// <summary>The Secret that the Secret path reads from the document's index, or null when it declines it.</summary>
    private static SecretDocument? Read(ReadOnlySpan<byte> utf8, DocumentLocation location, out DocumentLocation located)
    {
        located = location;
        var index = new YamlIndex();
        var secret = new IndexedSecret();
        if (!index.TryBuild(utf8, ReaderLimits.Default.MaxDepth) || !secret.TryRead(index, utf8))
        {
            return null;
        }

        located = secret.Locate(utf8, location.Index, location.Line);
        return secret.ToDocument(utf8);
    }

    private static byte[] Bytes(string stream, int document) => Encoding.UTF8.GetBytes(TestDocuments.Split(stream)[document].Text);
}
