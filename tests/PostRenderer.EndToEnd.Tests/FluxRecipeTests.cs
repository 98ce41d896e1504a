using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>examples/flux: the CI step renders a release into the directory a Flux Kustomization applies.</summary>
[Trait("Speed", "Slow")]
public sealed class FluxRecipeTests
{
    [Fact]
    public void Render_sh_writes_the_directory_flux_applies_populates_the_store_and_verifies_it()
    {
        using var environment = new IsolatedEnvironment();
        environment.PrependToPath(ArgoCdPluginTests.HelmOnPath(environment));
        var repository = environment.Subdirectory("repo");
        var script = Path.Combine(RepositoryPaths.Root, "examples", "flux", "render.sh");

        var run = environment.Run(script, [RepositoryPaths.Chart("random-password"), "shop", "shop", "clusters/production/apps"], workingDirectory: repository);

        Assert.True(run.ExitCode == 0, run.Describe());
        var apps = Path.Combine(repository, "clusters", "production", "apps");
        var files = Directory.EnumerateFiles(apps, "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(apps, file).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["namespaces/shop/shop/shop-credentials-externalsecret.yaml", "namespaces/shop/shop/shop-settings-configmap.yaml"], files);
        foreach (var file in files)
        {
            RenderedManifests.Parse(File.ReadAllText(Path.Combine(apps, file))).AssertHoldsNoValue(ChartSecrets.RandomPasswordApiKey);
        }

        Assert.Contains(ChartSecrets.RandomPasswordApiKey, File.ReadAllText(environment.FileStorePath), StringComparison.Ordinal);
        var flux = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "flux", "kustomization-flux.yaml"));
        Assert.Contains("path: ./clusters/production/apps", flux, StringComparison.Ordinal);
    }
}
