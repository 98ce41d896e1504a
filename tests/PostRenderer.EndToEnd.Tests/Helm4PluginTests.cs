using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// Real helm 4.1 with helm-plugin/ installed by `helm plugin install` into an isolated HELM_DATA_HOME, the
/// converter found on PATH, and `helm template --post-renderer secret-postrenderer`.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class Helm4PluginTests
{
    private const string FilenameAnnotation = "postrenderer.helm.sh/postrender-filename";

    [Fact]
    public void The_plugin_installs_and_lists_as_a_postrenderer()
    {
        using var environment = new IsolatedEnvironment();

        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        var list = environment.Run(HelmBinaries.Helm4, "plugin", "list").EnsureSuccess();

        var line = Assert.Single(list.Output.Split('\n'), row => row.StartsWith("secret-postrenderer", StringComparison.Ordinal));
        Assert.Contains("postrenderer/v1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_become_ExternalSecrets_and_helm_keeps_its_file_grouping()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);

        var run = Helm4Template(environment, "shop", "umbrella", PostRendererArgs("--no-populate")).EnsureSuccess();

        var rendered = UmbrellaChart.AssertConverted(run.Output);
        // helm 4 rebuilds `# Source:` from the filename annotation; a document without one would come back
        // as generated-by-postrender-N.yaml.
        Assert.Contains("umbrella/templates/service.yaml", rendered.Sources);
        Assert.DoesNotContain("generated-by-postrender", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(environment.FileStorePath));
    }

    [Fact]
    public void Every_document_the_converter_returns_to_helm_keeps_the_filename_annotation()
    {
        using var environment = new IsolatedEnvironment();
        var capture = Path.Combine(environment.Root, "plugin-output.yaml");
        Helm4InstallPlugin(environment, CapturingPluginCopy.Create(environment, capture));

        Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate")).EnsureSuccess();

        var returned = RenderedManifests.Parse(File.ReadAllText(capture));
        Assert.Equal(2, returned.Documents.Count);
        Assert.All(returned.Documents, document => Assert.True(document.Annotations.ContainsKey(FilenameAnnotation), $"{document} lost {FilenameAnnotation}"));
        var external = returned.Single("ExternalSecret", "rel-credentials");
        Assert.Equal("random-password/templates/secret.yaml", external.Annotations[FilenameAnnotation]);
        // On the ExternalSecret itself, not copied into the Secret ESO will create.
        Assert.DoesNotContain(FilenameAnnotation, RenderedDocument.Child(RenderedDocument.Child(external.Root, "spec"), "target")?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Populating_through_the_plugin_fills_the_isolated_file_store()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);

        var run = Helm4Template(environment, "rel", "random-password", Flags("--namespace", "payments"), PostRendererArgs("--namespace", "payments")).EnsureSuccess();

        RenderedManifests.Parse(run.Output).AssertHoldsNoValue(ChartSecrets.RandomPasswordApiKey);
        var store = File.ReadAllText(environment.FileStorePath);
        Assert.Contains("payments/rel-credentials", store, StringComparison.Ordinal);
        Assert.Contains(ChartSecrets.RandomPasswordApiKey, store, StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_error_fails_helm_and_the_log_file_explains_it()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        var log = Path.Combine(environment.Root, "postrenderer.log");

        var run = Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate", "--log-file", log, "--format", "no-such-format"));

        Assert.NotEqual(0, run.ExitCode);
        // helm 4 discards the plugin's stderr: the log file is where the reason must be.
        Assert.Contains("secret-postrenderer: error:", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.DoesNotContain(ChartSecrets.RandomPasswordApiKey, run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_file_can_be_set_through_the_environment()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        var log = Path.Combine(environment.Root, "from-environment.log");
        environment.Set("SECRET_POSTRENDERER_LOG_FILE", log);

        Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate")).EnsureSuccess();

        Assert.Matches(@"[0-9]+ Secrets? converted", File.ReadAllText(log));
    }
}
