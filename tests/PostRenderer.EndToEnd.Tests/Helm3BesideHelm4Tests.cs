using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// One machine, one HELM_DATA_HOME, Helm 3 with a plugin of its own and Helm 4: Helm 3 fails on every command once a
/// Helm 4 (apiVersion: v1) plugin sits among its plugins, so install.sh --helm-plugin puts ours in a Helm-4-only
/// folder there and says how Helm 4 finds it (README "Helm 4 beside Helm 3").
/// </summary>
[Trait("Speed", "Slow")]
public sealed class Helm3BesideHelm4Tests
{
    private const string Helm3PluginOutput = "hello from a helm 3 plugin";

    [Fact]
    public void Installing_the_Helm_4_plugin_leaves_Helm_3_and_its_plugin_working()
    {
        using var environment = new IsolatedEnvironment();
        InstallHelm3Plugin(environment);
        var release = ReleaseScripts.LocalRelease(environment);
        var target = Path.Combine(environment.Root, "bin");

        var install = environment.Run("sh", Path.Combine(RepositoryPaths.Root, "install.sh"), "--dir", target, "--base-url", new Uri(release).AbsoluteUri, "--helm-plugin", "--helm", HelmBinaries.Helm4)
            .EnsureSuccess();

        environment.Run(HelmBinaries.Helm3, "plugin", "list").EnsureSuccess();
        Assert.Contains(Helm3PluginOutput, environment.Run(HelmBinaries.Helm3, "hello").EnsureSuccess().Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(environment.HelmPlugins, "secret-postrenderer")), "the Helm 4 plugin is among Helm 3's plugins");

        // Helm 4 run the way install.sh says finds both plugins and renders through ours.
        var pluginsLine = Assert.Single(install.Output.Split('\n'), line => line.TrimStart().StartsWith("HELM_PLUGINS=", StringComparison.Ordinal));
        environment.Set("HELM_PLUGINS", pluginsLine.Trim()["HELM_PLUGINS=".Length..]);
        var list = environment.Run(HelmBinaries.Helm4, "plugin", "list").EnsureSuccess();
        Assert.Contains("postrenderer/v1", list.Output, StringComparison.Ordinal);
        Assert.Contains("hello", list.Output, StringComparison.Ordinal);
        var run = Helm4Template(environment, "shop", "umbrella", PostRendererArgs("--no-populate")).EnsureSuccess();
        UmbrellaChart.AssertConverted(run.Output);
    }

    [Fact]
    public void Installed_into_the_shared_folder_the_Helm_4_plugin_would_break_Helm_3()
    {
        // Why install.sh takes the detour: the failure it avoids, as helm 3.17 shows it.
        using var environment = new IsolatedEnvironment();
        InstallHelm3Plugin(environment);

        Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);

        var list = environment.Run(HelmBinaries.Helm3, "plugin", "list");
        Assert.NotEqual(0, list.ExitCode);
        Assert.Contains("apiVersion", list.Errors, StringComparison.Ordinal);
    }

    /// <summary>A minimal Helm 3 plugin, installed with helm 3 into the environment's plugins folder.</summary>
    private static void InstallHelm3Plugin(IsolatedEnvironment environment)
    {
        var source = environment.Subdirectory("helm3-plugin-hello");
        File.WriteAllText(Path.Combine(source, "plugin.yaml"), $"""
            name: hello
            version: 0.1.0
            usage: says hello
            description: a Helm 3 plugin
            command: "echo {Helm3PluginOutput}"

            """);
        environment.Run(HelmBinaries.Helm3, "plugin", "install", source).EnsureSuccess();
    }
}
