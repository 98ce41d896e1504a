using PostRenderer.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// examples/argocd/plugin.yaml, run as Argo CD's CMP server runs a plugin's generate command: its command and
/// args as one process, the application's directory (a chart) as working directory, and the variables Argo CD sets.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ArgoCdPluginTests
{
    [Fact]
    public void The_plugin_renders_the_chart_with_the_application_namespace_and_never_touches_the_store()
    {
        using var environment = new IsolatedEnvironment();
        var chart = CopyChart(environment, "random-password");
        environment.PrependToPath(HelmOnPath(environment));
        foreach (var (name, value) in ArgoCdVariables(chart))
        {
            environment.Set(name, value);
        }

        var (command, arguments) = GenerateCommand();
        var run = environment.Run(command, arguments, workingDirectory: chart);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Errors); // --quiet: the repo-server log gets errors only
        var manifests = RenderedManifests.Parse(run.Output);
        var externalSecret = manifests.Single("ExternalSecret", "shop-credentials");
        Assert.Contains("key: shop/shop-credentials", run.Output, StringComparison.Ordinal);
        Assert.NotNull(externalSecret);
        manifests.AssertHoldsNoValue(ChartSecrets.RandomPasswordApiKey);
        manifests.AssertNoPlainSecrets();
        Assert.False(File.Exists(environment.FileStorePath), "the plugin wrote a store: it must render with --no-populate");
    }

    [Fact]
    public void Without_the_application_namespace_the_plugin_fails_rather_than_share_default_entries()
    {
        using var environment = new IsolatedEnvironment();
        var chart = CopyChart(environment, "random-password");
        environment.PrependToPath(HelmOnPath(environment));
        foreach (var (name, value) in ArgoCdVariables(chart))
        {
            environment.Set(name, value);
        }

        // helm template --namespace "" renders no namespace, and the tool has none to fall back on.
        environment.Set("ARGOCD_APP_NAMESPACE", "");
        var (command, arguments) = GenerateCommand();
        var run = environment.Run(command, arguments, workingDirectory: chart);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no metadata.namespace", run.Errors, StringComparison.Ordinal);
    }

    // The CMP server runs command[0] with command[1..] and then args.
    private static (string Command, List<string> Arguments) GenerateCommand()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "argocd", "plugin.yaml"))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("ConfigManagementPlugin", ((YamlScalarNode)root["kind"]).Value);
        var generate = (YamlMappingNode)((YamlMappingNode)root["spec"])["generate"];
        var words = ((YamlSequenceNode)generate["command"]).Select(node => ((YamlScalarNode)node).Value!)
            .Concat(((YamlSequenceNode)generate["args"]).Select(node => ((YamlScalarNode)node).Value!))
            .ToList();
        return (words[0], words[1..]);
    }

    private static Dictionary<string, string> ArgoCdVariables(string chart) => new()
    {
        ["ARGOCD_APP_NAME"] = "shop",
        ["ARGOCD_APP_NAMESPACE"] = "shop",
        ["ARGOCD_APP_REVISION"] = "0123456789abcdef0123456789abcdef01234567",
        ["ARGOCD_APP_REVISION_SHORT"] = "0123456",
        ["ARGOCD_APP_SOURCE_PATH"] = Path.GetFileName(chart),
        ["ARGOCD_APP_SOURCE_REPO_URL"] = "https://git.example.com/apps.git",
        ["ARGOCD_APP_SOURCE_TARGET_REVISION"] = "HEAD",
        ["KUBE_VERSION"] = "1.32.0",
        ["KUBE_API_VERSIONS"] = "v1,apps/v1,external-secrets.io/v1",
    };

    private static string CopyChart(IsolatedEnvironment environment, string name)
    {
        var target = environment.Subdirectory(name);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Chart(name), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Chart(name), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    // The plugin calls `helm`: helm 3, as the image of the sidecar would have it.
    internal static string HelmOnPath(IsolatedEnvironment environment)
    {
        var directory = environment.Subdirectory("helm-bin");
        File.CreateSymbolicLink(Path.Combine(directory, "helm"), HelmBinaries.Helm3);
        return directory;
    }
}
