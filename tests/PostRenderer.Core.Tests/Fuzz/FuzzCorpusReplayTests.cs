using PostRenderer.Fuzz;

namespace PostRenderer.Core.Tests.Fuzz;

/// <summary>
/// Every committed fuzz input (the seed corpus, and each crash AFL found, minimised) keeps the fuzz invariants
/// without AFL: a crash found once stays a test. tests/tools/fuzz.sh runs the coverage-guided search itself.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class FuzzCorpusReplayTests
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Fixtures, "fuzz");

    public static TheoryData<string> Inputs()
    {
        var inputs = Replay.Inputs([Path.Combine(Corpus, "seeds"), Path.Combine(Corpus, "crashes")]);
        return new TheoryData<string>(inputs.Select(path => Path.GetRelativePath(Corpus, path)));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Keeps_every_fuzz_invariant(string input)
    {
        var failure = Replay.Failure(File.ReadAllBytes(Path.Combine(Corpus, input)));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void The_corpus_has_seeds_and_the_dictionary_is_beside_them()
    {
        Assert.True(Replay.Inputs([Path.Combine(Corpus, "seeds")]).Count >= 50);
        Assert.True(File.Exists(Path.Combine(Corpus, "yaml.dict")));
    }
}
