using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// fixtures/helmfile/helmfile.yaml, the README's helmfile example: each release rendered with the helm command
/// helmfile would run for it, under helm 3 (executable on PATH) and helm 4 (plugin), and its diff form.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HelmfileTests
{
    private static string HelmfilePath => Path.Combine(RepositoryPaths.Root, "fixtures", "helmfile", "helmfile.yaml");

    public static TheoryData<int> HelmMajorVersions() => new() { 3, 4 };

    [Theory]
    [MemberData(nameof(HelmMajorVersions))]
    public void Every_release_renders_with_its_namespace_and_no_secret_value(int helmMajor)
    {
        using var environment = new IsolatedEnvironment();
        var helm = PrepareHelm(environment, helmMajor);
        var releases = HelmfileState.Load(HelmfilePath);
        Assert.Equal(["payments", "shop", "widgets"], releases.Select(release => release.Name));

        foreach (var release in releases)
        {
            var run = environment.Run(helm, release.HelmTemplateArguments([])).EnsureSuccess();

            var rendered = RenderedManifests.Parse(run.Output);
            rendered.AssertNoPlainSecrets();
            foreach (var value in new[] { ChartSecrets.RandomPasswordApiKey, ChartSecrets.SubchartRootPassword, ChartSecrets.WidgetWebhookSecret })
            {
                rendered.AssertHoldsNoValue(value);
            }

            var external = Assert.Single(rendered.Documents, document => document.IsExternalSecret);
            Assert.All(external.RemoteKeys, key => Assert.StartsWith(release.Namespace + "/", key, StringComparison.Ordinal));
        }

        var widgets = RenderedManifests.Parse(environment.Run(helm, releases[2].HelmTemplateArguments([])).EnsureSuccess().Output);
        Assert.Contains("platform-secrets", widgets.Single("ExternalSecret", "widgets-webhook").Root.ToString(), StringComparison.Ordinal);
        Assert.Contains(ChartSecrets.RandomPasswordApiKey, File.ReadAllText(environment.FileStorePath), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HelmMajorVersions))]
    public void The_diff_form_with_no_populate_leaves_the_store_alone(int helmMajor)
    {
        using var environment = new IsolatedEnvironment();
        var helm = PrepareHelm(environment, helmMajor);

        // `helmfile diff --args --post-renderer-args=--no-populate`: helmfile appends --args to the helm command.
        foreach (var release in HelmfileState.Load(HelmfilePath))
        {
            var run = environment.Run(helm, release.HelmTemplateArguments(["--post-renderer-args=--no-populate"])).EnsureSuccess();
            RenderedManifests.Parse(run.Output).AssertNoPlainSecrets();
        }

        // `SECRET_POSTRENDERER_POPULATE=false helmfile diff`: helm passes its environment on to the post-renderer.
        environment.Set("SECRET_POSTRENDERER_POPULATE", "false");
        var payments = HelmfileState.Load(HelmfilePath)[0];
        environment.Run(helm, payments.HelmTemplateArguments([])).EnsureSuccess();

        Assert.False(File.Exists(environment.FileStorePath), "a diff wrote to the secret store");
    }

    private static string PrepareHelm(IsolatedEnvironment environment, int helmMajor)
    {
        if (helmMajor == 3)
        {
            return HelmBinaries.Helm3;
        }

        Helm.Helm4InstallPlugin(environment, RepositoryPaths.HelmPlugin);
        return HelmBinaries.Helm4;
    }
}
