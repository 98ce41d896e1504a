using Xunit.Abstractions;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// Differential tests against the reader Kubernetes uses (see <see cref="DifferentialRunner"/> for the invariants):
/// each corpus runs through the tool in-process (no store writes) and through tests/tools/k8s-yaml-oracle, and
/// the tool's output is read back by libyaml too. A failure lists each class of discrepancy with its count and
/// the first cases (corpus, case id, document index, what differed; values only as hashes). Run them alone with
/// <c>dotnet test tests/PostRenderer.Core.Tests --filter "FullyQualifiedName~Oracle"</c>.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(KubernetesOracleGroup.Name)]
public sealed class KubernetesOracleDifferentialTests(ITestOutputHelper output) : IDisposable
{
    public const int GeneratedStreams = 3_000;
    public const int MutatedStreams = 3_000;

    private readonly string work = Directory.CreateTempSubdirectory("k8s-oracle-").FullName;

    [Fact]
    public void Fixtures_mean_to_Kubernetes_after_the_tool_what_they_meant_before() =>
        Check(DifferentialRunner.Run("fixtures", DifferentialCorpora.Fixtures()));

    [Fact]
    public void Issue_17_reproducers_mean_to_Kubernetes_after_the_tool_what_they_meant_before() =>
        Check(DifferentialRunner.Run("reproducers", DifferentialCorpora.Reproducers(work)));

    [Fact]
    public void Generated_streams_mean_to_Kubernetes_after_the_tool_what_they_meant_before() =>
        Check(DifferentialRunner.Run("generated", DifferentialCorpora.Generated(GeneratedStreams, 7_000_001, work)), minimumConverted: GeneratedStreams);

    [Fact]
    public void Mutated_fixtures_mean_to_Kubernetes_after_the_tool_what_they_meant_before() =>
        Check(DifferentialRunner.Run("mutated", DifferentialCorpora.Mutated(MutatedStreams, 8_000_001)));

    [Fact]
    public void Yaml_test_suite_cases_mean_to_Kubernetes_after_the_tool_what_they_meant_before() =>
        Check(DifferentialRunner.Run("yaml-test-suite", DifferentialCorpora.YamlTestSuite(work)));

    public void Dispose() => Directory.Delete(work, recursive: true);

    private void Check(DifferentialReport report, int minimumConverted = 0)
    {
        output.WriteLine(report.Summary());
        if (report.ProblemCount > 0)
        {
            output.WriteLine(report.Failures());
        }

        Assert.True(report.ProblemCount == 0, report.Failures());
        Assert.True(report.SecretsConverted >= minimumConverted, $"only {report.SecretsConverted} Secrets were converted; the corpus should hold at least {minimumConverted}");
    }
}

/// <summary>The oracle tests share one oracle process; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class KubernetesOracleGroup
{
    public const string Name = "Kubernetes YAML oracle";
}
