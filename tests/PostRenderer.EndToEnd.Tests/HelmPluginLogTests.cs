using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// Helm 4 discards a plugin's stderr; the plugin's wrapper keeps the tool's messages of the last run in
/// $HELM_CACHE_HOME/secret-postrenderer/last-run.log (README, --help), with nothing set up first.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HelmPluginLogTests
{
    [Fact]
    public void A_failure_under_helm_4_is_explained_in_the_last_run_log()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);

        var run = Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate", "--format", "no-such-format"));

        Assert.NotEqual(0, run.ExitCode);
        var log = File.ReadAllText(LastRunLog(environment));
        Assert.Contains("secret-postrenderer: error:", log, StringComparison.Ordinal);
        Assert.Contains("no-such-format", log, StringComparison.Ordinal);
        Assert.DoesNotContain(ChartSecrets.RandomPasswordApiKey, log + run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_run_replaces_the_log_so_it_tells_about_the_last_one()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate", "--format", "no-such-format"));

        Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate")).EnsureSuccess();

        Assert.DoesNotContain("error", File.ReadAllText(LastRunLog(environment)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_HELM_CACHE_HOME_the_log_is_in_helms_default_cache_folder()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        environment.Set("HELM_CACHE_HOME", null);

        Helm4Template(environment, "rel", "random-password", PostRendererArgs("--no-populate", "--format", "no-such-format"));

        var log = Path.Combine(environment.Variables["XDG_CACHE_HOME"]!, "helm", "secret-postrenderer", "last-run.log");
        Assert.Contains("secret-postrenderer: error:", File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_and_the_README_say_where_the_log_is()
    {
        using var environment = new IsolatedEnvironment();

        var help = environment.Run(PublishedBinary.Path, "--help").EnsureSuccess().Output;

        Assert.Contains("$HELM_CACHE_HOME/secret-postrenderer/last-run.log", help, StringComparison.Ordinal);
        Assert.Contains("$HELM_CACHE_HOME/secret-postrenderer/last-run.log", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
    }

    private static string LastRunLog(IsolatedEnvironment environment) =>
        Path.Combine(environment.Variables["HELM_CACHE_HOME"]!, "secret-postrenderer", "last-run.log");
}
