using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// `secret-postrenderer split --output-dir DIR --release NAME [--prune] FILES...`: the Jenkins X GitOps layout,
/// one file per resource, run on what helm 3 rendered through the converter.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class SplitCommandTests
{
    [Fact]
    public void Split_writes_one_file_per_resource_in_the_GitOps_layout()
    {
        using var environment = new IsolatedEnvironment();
        var input = RenderWidgets(environment);
        var output = Path.Combine(environment.Root, "gitops");

        environment.Run(PublishedBinary.Path, "split", "--output-dir", output, "--release", "widgets", input).EnsureSuccess();

        Assert.Equal(
            [
                "cluster/resources/widgets/widgets-widget-reader-clusterrole.yaml",
                "customresourcedefinitions/widgets/widgets.example.com-customresourcedefinition.yaml",
                "namespaces/platform/widgets/widgets-webhook-externalsecret.yaml",
                "namespaces/platform/widgets/widgets-widget-widget.yaml",
            ],
            FilesUnder(output));
        var widget = Assert.Single(RenderedManifests.Parse(File.ReadAllText(Path.Combine(output, "namespaces/platform/widgets/widgets-widget-widget.yaml"))).Documents);
        Assert.Equal("Widget", widget.Kind);
        foreach (var file in FilesUnder(output))
        {
            RenderedManifests.Parse(File.ReadAllText(Path.Combine(output, file))).AssertHoldsNoValue(ChartSecrets.WidgetWebhookSecret);
        }
    }

    [Fact]
    public void Prune_removes_the_releases_stale_files_and_keeps_other_releases_and_hand_written_files()
    {
        using var environment = new IsolatedEnvironment();
        var input = RenderWidgets(environment);
        var output = Path.Combine(environment.Root, "gitops");
        var earlier = Path.Combine(environment.Root, "earlier.yaml");
        File.WriteAllText(earlier, File.ReadAllText(input) + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: removed\n  namespace: platform\n");
        environment.Run(PublishedBinary.Path, "split", "--output-dir", output, "--release", "widgets", earlier).EnsureSuccess();
        var stale = Path.Combine(output, "namespaces/platform/widgets/removed-configmap.yaml");
        var handWritten = Path.Combine(output, "namespaces/platform/widgets/hand-written-configmap.yaml");
        var otherRelease = Path.Combine(output, "namespaces/platform/other/kept-configmap.yaml");
        foreach (var file in new[] { handWritten, otherRelease })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n");
        }

        environment.Run(PublishedBinary.Path, "split", "--output-dir", output, "--release", "widgets", "--prune", input).EnsureSuccess();

        Assert.False(File.Exists(stale), "--prune left a file it wrote of a resource the release no longer renders");
        Assert.True(File.Exists(handWritten), "--prune removed a file it did not write");
        Assert.True(File.Exists(otherRelease), "--prune removed another release's file");
        Assert.True(File.Exists(Path.Combine(output, "namespaces/platform/widgets/widgets-widget-widget.yaml")));
    }

    [Fact]
    public void Verify_passes_converted_output_and_fails_listing_each_plaintext_Secret()
    {
        using var environment = new IsolatedEnvironment();
        var converted = RenderWidgets(environment);
        var output = Path.Combine(environment.Root, "gitops");
        environment.Run(PublishedBinary.Path, "split", "--output-dir", output, "--release", "widgets", converted).EnsureSuccess();
        var plain = Path.Combine(environment.Root, "plain.yaml");
        File.WriteAllText(plain, Helm3TemplateOnly(environment, "widgets", "crd-and-resource", "--namespace", "platform").Output);

        Assert.Equal(0, environment.Run(PublishedBinary.Path, "verify", output, converted).ExitCode);
        var failing = environment.Run(PublishedBinary.Path, "verify", output, plain);

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("widgets-webhook", failing.Output + failing.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(ChartSecrets.WidgetWebhookSecret, failing.Output + failing.Errors, StringComparison.Ordinal);
    }

    private static string RenderWidgets(IsolatedEnvironment environment)
    {
        // --include-crds: helm 3 prints the crds/ files itself, ahead of what the post-renderer returned.
        var run = Helm3Template(environment, "widgets", "crd-and-resource", Flags("--include-crds", "--namespace", "platform"), PostRendererArgs("--no-populate"))
            .EnsureSuccess();
        var path = Path.Combine(environment.Root, "widgets.yaml");
        File.WriteAllText(path, run.Output);
        return path;
    }

    // The resource files, without the record of written files each release folder also holds.
    private static List<string> FilesUnder(string directory) =>
        Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
