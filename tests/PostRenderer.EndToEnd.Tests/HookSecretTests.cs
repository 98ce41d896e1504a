using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// helm.sh/hook Secrets: helm 4 sends them to the post-renderer. They are converted by default; `--skip-hooks`
/// passes them through unconverted with a warning that the output is then not safe to commit.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HookSecretTests
{
    [Fact]
    public void Helm_4_sends_the_hook_Secret_and_it_is_converted_by_default()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);

        var run = Helm4Template(environment, "rel", "hook-secret", PostRendererArgs("--no-populate")).EnsureSuccess();

        var rendered = RenderedManifests.Parse(run.Output);
        rendered.AssertNoPlainSecrets();
        rendered.AssertHoldsNoValue(ChartSecrets.HookMigrationToken);
        var hook = rendered.Single("ExternalSecret", "rel-migration");
        Assert.Equal("pre-install", hook.Annotations["helm.sh/hook"]);
        rendered.Single("ConfigMap", "rel-app");
    }

    [Fact]
    public void Skip_hooks_under_helm_4_leaves_the_hook_Secret_and_warns_in_the_log_file()
    {
        using var environment = new IsolatedEnvironment();
        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        var log = Path.Combine(environment.Root, "postrenderer.log");

        var run = Helm4Template(environment, "rel", "hook-secret", PostRendererArgs("--no-populate", "--skip-hooks", "--log-file", log)).EnsureSuccess();

        var rendered = RenderedManifests.Parse(run.Output);
        Assert.True(rendered.Single("Secret", "rel-migration").IsSecret);
        rendered.Single("ConfigMap", "rel-app");
        AssertWarnsAboutTheHook(File.ReadAllText(log));
    }

    [Fact]
    public void Skip_hooks_in_the_pipe_warns_on_stderr_and_still_converts_ordinary_Secrets()
    {
        using var environment = new IsolatedEnvironment();
        var plain = Helm3TemplateOnly(environment, "rel", "hook-secret");
        var withOrdinarySecret = plain.Output + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ordinary\nstringData:\n  key: e2e-ordinary-value-3b1\n";

        var run = environment.Run(PublishedBinary.Path, ["--no-populate", "--skip-hooks"], withOrdinarySecret).EnsureSuccess();

        var rendered = RenderedManifests.Parse(run.Output);
        Assert.True(rendered.Single("Secret", "rel-migration").IsSecret);
        rendered.Single("ExternalSecret", "ordinary");
        rendered.AssertHoldsNoValue("e2e-ordinary-value-3b1");
        AssertWarnsAboutTheHook(run.Errors);
    }

    private static void AssertWarnsAboutTheHook(string messages)
    {
        var warning = Assert.Single(messages.Split('\n'), line => line.Contains("warning", StringComparison.OrdinalIgnoreCase) && line.Contains("rel-migration", StringComparison.Ordinal));
        Assert.Contains("hook", warning, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ChartSecrets.HookMigrationToken, messages, StringComparison.Ordinal);
    }
}
