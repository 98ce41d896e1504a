using System.Text;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Tests.Fixtures;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Hardening;

/// <summary>
/// --preserve copies a document unparsed when the sniffer says it cannot hold a Secret. Whatever the sniffer's
/// implementation, that "no" must agree with the parser: over every fixture and thousands of mutations of them,
/// no document it lets through parses into a Secret or a List (which may carry Secrets as items).
/// </summary>
public sealed class SecretSnifferPropertyTests
{
    private const int Mutations = 4_000;

    [Fact]
    public void A_document_the_sniffer_lets_through_never_parses_into_a_secret_or_a_list()
    {
        var letThrough = 0;
        var failures = new List<string>();
        foreach (var (i, document) in AllDocuments())
        {
            if (SecretSniffer.MayHoldSecret(Encoding.UTF8.GetBytes(document.Text)))
            {
                continue;
            }

            letThrough++;
            if (ParsedKind(document) is { } kind && (kind == "Secret" || kind.EndsWith("List", StringComparison.Ordinal)))
            {
                failures.Add($"case {i}, document {document.Index}: copied unparsed, but it parses as kind {kind}");
            }
        }

        Assert.Empty(failures);
        Assert.True(letThrough > 1_000, $"only {letThrough} documents were let through; the property was barely exercised");
    }

    // The sniffer reads only the lines that start at column 0 with content, found sixteen bytes at a time; its answer
    // must be that of a walk over every line, which is what its rule is written for.
    [Fact]
    public void Reading_only_the_column_zero_lines_gives_the_answer_of_a_walk_over_every_line()
    {
        var compared = 0;
        var failures = new List<string>();
        foreach (var (i, document) in AllDocuments())
        {
            var utf8 = Encoding.UTF8.GetBytes(document.Text);
            compared++;
            if (SecretSniffer.MayHoldSecret(utf8) != WalkEveryLine(utf8))
            {
                failures.Add($"case {i}, document {document.Index}:\n{document.Text}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} documents differ; the first: {failures.FirstOrDefault()}");
        Assert.True(compared > 5_000, $"only {compared} documents were compared");
    }

    private static bool WalkEveryLine(ReadOnlySpan<byte> utf8)
    {
        if (LineBreaks.HasOtherThanLf(utf8) || SecretSniffer.StartsIndented(utf8))
        {
            return true;
        }

        var kind = new SecretSniffer.KindSeen();
        foreach (var range in utf8.Split((byte)'\n'))
        {
            if (kind.MayHoldSecret(utf8[range]))
            {
                return true;
            }
        }

        return kind.MayBeSecret;
    }

    /// <summary>Every document of every input, with its input's case number.</summary>
    private static IEnumerable<(int Case, RawDocument Document)> AllDocuments() =>
        Inputs().SelectMany(input => Documents(input.Input).Select(document => (input.Case, document)));

    /// <summary>The input's documents, or none when it is not UTF-8 (the splitter refuses it before any sniffing).</summary>
    private static List<RawDocument> Documents(byte[] input)
    {
        try
        {
            using var reader = Core.ProcessIO.StandardStreams.OpenInput(new MemoryStream(input));
            return TestDocuments.Split(reader);
        }
        catch (Errors.UserException)
        {
            return [];
        }
    }

    /// <summary>The corpus, then seeded mutations of it, each with its case number.</summary>
    private static IEnumerable<(int Case, byte[] Input)> Inputs()
    {
        var corpus = Corpus();
        for (var i = 0; i < corpus.Count + Mutations; i++)
        {
            yield return (i, i < corpus.Count ? corpus[i] : new FixtureMutator(i).Mutate(corpus[new Random(i).Next(corpus.Count)]));
        }
    }

    /// <summary>Every fixture's input and expected output, and the inputs the tool must refuse.</summary>
    private static List<byte[]> Corpus() =>
        FixtureCase.All().SelectMany(fixture => new[] { fixture.InputPath, fixture.ExpectedPath })
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryPaths.Fixtures, "bad")).Select(directory => Path.Combine(directory, "input.yaml")))
            .Where(path => File.Exists(path) && new FileInfo(path).Length < 100_000)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();

    /// <summary>The root's kind when the document parses into a mapping; null when it does not parse (the canonical path would reject it).</summary>
    private static string? ParsedKind(RawDocument document)
    {
        try
        {
            return (new NodeReader(ReaderLimits.Default).Read(document) as MappingNode)?.GetString("kind");
        }
        catch (Errors.UserException)
        {
            return null;
        }
    }
}
