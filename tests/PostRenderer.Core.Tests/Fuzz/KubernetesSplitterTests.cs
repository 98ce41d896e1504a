using System.Text;
using PostRenderer.Core.Tests.Oracle;
using PostRenderer.Fuzz;

namespace PostRenderer.Core.Tests.Fuzz;

/// <summary>
/// The fuzz harness's own splitter (<see cref="KubernetesSplitter"/>), which the invariant "the splitters agree"
/// holds the tool's splitter to, splits as apimachinery's YAMLReader does (tests/tools/k8s-yaml-oracle).
/// </summary>
public sealed class KubernetesSplitterTests
{
    /// <summary>Streams whose split is easy to get wrong, each with the documents Kubernetes reads ("!" before an error).</summary>
    public static TheoryData<string, string[]> TrickyStreams() => new()
    {
        // A separator with nothing read since the last one (or the stream's start) stays as the next document's first line.
        { "---\n---\n", ["---\n"] },
        { "---\na: 1\n---\n---\nb: 2\n", ["---\na: 1\n", "---\nb: 2\n"] },
        { "a: 1\n---\n\n---\nb: 2\n", ["a: 1\n", "\n", "b: 2\n"] },
        { "--- # first\na: 1\n--- # c\nb: 2\n---\t#\n", ["--- # first\na: 1\n", "b: 2\n"] },
        { "a: 1\n---x\nb: 2\n", ["!invalid Yaml document separator: x"] },
        { "a: 1\n--- b: 2\n", ["!invalid Yaml document separator: b: 2"] },
        { "a: 1\n----\n", ["!invalid Yaml document separator: -"] },
        { "a: 1\n---#x\nb: 2\n", ["a: 1\n", "b: 2\n"] },
        { "a: ---x\n  ---\nb: x---\n", ["a: ---x\n  ---\nb: x---\n"] },
        { "a: 1\r\n---\r\nb: 2\r\n", ["a: 1\n", "b: 2\n"] },
        { "a: 1\r\r\n---\r\r\nb: 2\r", ["a: 1\r\n", "b: 2\r\n"] },
        { "a: 1\n---\nb: 2", ["a: 1\n", "b: 2\n"] },
        { "a: 1\n---", ["a: 1\n"] },
        { "a: 1\n---\n\uFEFFb: 2\n", ["a: 1\n", "\uFEFFb: 2\n"] },
        { "\uFEFF---\na: 1\n", ["\uFEFF---\na: 1\n"] },
        { "a: 1\n\uFEFF---\nb: 2\n", ["a: 1\n\uFEFF---\nb: 2\n"] },
        { "a: 1\n...\nb: 2\n...\n", ["a: 1\n...\nb: 2\n...\n"] },
        { "a: |\n  x\n---\n  y\n", ["a: |\n  x\n", "  y\n"] },
        { "a: 1\n---\u00A0\u3000\nb: 2\n", ["a: 1\n", "b: 2\n"] },
        { "a: 1\n--- \u2028x\n", ["!invalid Yaml document separator: x"] },
        { "a: 1\n---\v\f\r\n", ["a: 1\n"] },
        { "# only\n", ["# only\n"] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(TrickyStreams))]
    public void Splits_as_the_YAMLReader(string stream, string[] expected)
    {
        var split = KubernetesSplitter.Split(Encoding.UTF8.GetBytes(stream));
        var error = expected.FirstOrDefault(document => document.StartsWith('!'));
        Assert.Equal(error?[1..], split.Error);
        Assert.Equal(expected.Where(document => !document.StartsWith('!')), split.Documents.Select(document => Encoding.UTF8.GetString(document.Text)));
    }

    [Fact]
    public void Names_the_separator_it_dropped_before_each_document()
    {
        var split = KubernetesSplitter.Split("a: 1\n--- # c\nb: 2\n---\n---\nc: 3\n"u8.ToArray());
        Assert.Equal([null, "--- # c\n", "---\n"], split.Documents.Select(document => document.DroppedSeparator is { } line ? Encoding.UTF8.GetString(line) : null));
    }

    [Fact]
    public void Reads_lines_as_bufio_does()
    {
        var line = new string('x', 10_000); // longer than bufio's 4096 bytes: its pieces are joined
        Assert.Equal(["a\n", "b\r\n", "\n", line + "\n", "c\r\n"], KubernetesSplitter.Lines(Encoding.UTF8.GetBytes($"a\r\nb\r\r\n\n{line}\nc\r")).Select(Encoding.UTF8.GetString));
    }
}

/// <summary>
/// The same splitter against the oracle itself: over every fixture, every committed fuzz input and the tricky
/// streams above, it finds the documents and the split error Kubernetes' splitter finds.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(KubernetesOracleGroup.Name)]
public sealed class KubernetesSplitterOracleTests
{
    [Fact]
    public void Finds_the_documents_and_errors_the_oracle_finds()
    {
        var streams = Directory.GetFiles(RepositoryPaths.Fixtures, "input.yaml", SearchOption.AllDirectories)
            .Concat(Replay.Inputs([Path.Combine(RepositoryPaths.Fixtures, "fuzz", "seeds"), Path.Combine(RepositoryPaths.Fixtures, "fuzz", "crashes")]))
            .Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetRelativePath(RepositoryPaths.Fixtures, path), Bytes: File.ReadAllBytes(path)))
            .Concat(KubernetesSplitterTests.TrickyStreams().Select(row => (Name: $"tricky {row[0]}", Bytes: Encoding.UTF8.GetBytes((string)row[0]))))
            .ToList();
        Assert.True(streams.Count > 150, $"only {streams.Count} streams");

        var readings = ReferenceReaders.Kubernetes.ReadAll(streams.Select(stream => stream.Bytes).ToList());
        var differences = streams.Zip(readings)
            .Select(pair => (pair.First.Name, Ours: KubernetesSplitter.Split(pair.First.Bytes), Oracle: pair.Second))
            .Where(item => item.Ours.Documents.Count != item.Oracle.Documents.Count || (item.Ours.Error is null) != (item.Oracle.SplitError is null))
            .Select(item => $"{item.Name}: {item.Ours.Documents.Count} documents{(item.Ours.Error is null ? "" : ", split error")}; the oracle {item.Oracle.Documents.Count}{(item.Oracle.SplitError is null ? "" : ", split error")}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
