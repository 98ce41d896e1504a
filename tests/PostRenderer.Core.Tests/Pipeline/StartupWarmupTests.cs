using PostRenderer.Core.Pipeline;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Pipeline;

public class StartupWarmupTests
{
    // The warm-up swallows its own failures, so a chart that stopped rendering would only show as a slower start.
    [Fact]
    public void Its_chart_renders_cleanly_in_both_modes()
    {
        var (canonical, preserved) = StartupWarmup.Run();

        Assert.Equal(new RenderSummary(Documents: 3, SecretsConverted: 2), canonical);
        Assert.Equal(new RenderSummary(Documents: 3, SecretsConverted: 2), preserved);
    }

    [Fact]
    public void Its_chart_meets_the_reader_and_emitter_paths_a_chart_does()
    {
        var chart = StartupWarmup.Chart;

        Assert.Contains("kind: Secret", chart, StringComparison.Ordinal);
        Assert.Contains("stringData:", chart, StringComparison.Ordinal);
        Assert.Contains(": |\n", chart, StringComparison.Ordinal);
        Assert.Contains("- name:", chart, StringComparison.Ordinal);
        Assert.Contains("\"", chart, StringComparison.Ordinal);
    }

    // A document the fast reader declines goes to YamlDotNet, whose first use costs far more than it warms.
    [Fact]
    public void Its_chart_is_read_by_the_fast_reader_a_chart_meets()
    {
        var documents = TestDocuments.Split(StartupWarmup.Chart);

        Assert.Equal(3, documents.Count);
        Assert.All(documents, document => Assert.NotNull(FastBlockReader.TryRead(document.Text, ReaderLimits.Default.MaxDepth)));
    }
}
