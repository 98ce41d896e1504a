using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.GitOps;
using PostRenderer.Core.Rendering;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.GitOps;

public sealed class GitOpsDirectoryWriterTests : IDisposable
{
    private const string Rendered = """
        ---
        # Source: app/templates/widget.yaml
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w1
          annotations:
            postrenderer.helm.sh/postrender-filename: app/templates/widget.yaml
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          scope: Cluster
          names: {kind: Widget}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "cfg:main"
          namespace: team
          annotations:
            postrenderer.helm.sh/postrender-filename: app/templates/cm.yaml
            keep: me
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        stringData:
          password: gitops-secret-value-1
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("gitops-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Root => Path.Combine(directory, "out");

    private InProcessRun Split(string yaml, bool prune = false, string release = "app") =>
        InProcessRun.Execute(Encoding.UTF8.GetBytes(yaml), directory, commandLine: new Dictionary<string, string?>
        {
            ["outputDir"] = Root,
            ["release"] = release,
            ["prune"] = prune ? "true" : "false",
            ["namespace"] = "apps",
        });

    private Dictionary<string, string> Snapshot() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(path => Path.GetRelativePath(Root, path), File.ReadAllText)
            : [];

    // Not the record of written files each release folder also holds (PruneTests).
    private static bool IsResourceFile(string path) => path.EndsWith(".yaml", StringComparison.Ordinal);

    [Fact]
    public void Writes_the_jenkins_x_layout_with_scope_from_the_stream()
    {
        var run = Split(Rendered);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "cluster/resources/app/reader-clusterrole.yaml",
                "cluster/resources/app/w1-widget.yaml",
                "customresourcedefinitions/app/widgets.example.com-customresourcedefinition.yaml",
                "namespaces/apps/app/db-externalsecret.yaml",
                "namespaces/team/app/cfg-main-configmap.yaml",
            ],
            Snapshot().Keys.Where(IsResourceFile).Order(StringComparer.Ordinal));
        Assert.Contains("5 files in", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_files_carry_no_helm_post_renderer_annotation_or_source_comment()
    {
        Split(Rendered);
        var files = Snapshot().Where(pair => IsResourceFile(pair.Key)).ToDictionary();
        Assert.All(files.Values, text => Assert.DoesNotContain("postrenderer.helm.sh/", text, StringComparison.Ordinal));
        Assert.All(files.Values, text => Assert.DoesNotContain("# Source:", text, StringComparison.Ordinal));
        Assert.Contains("keep: me", files["namespaces/team/app/cfg-main-configmap.yaml"], StringComparison.Ordinal);
        Assert.Equal("---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n", files["cluster/resources/app/w1-widget.yaml"]);
        Assert.DoesNotContain("gitops-secret-value-1", string.Concat(files.Values), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_resources_with_one_file_name_are_an_error_and_nothing_is_written()
    {
        var run = Split("kind: ConfigMap\napiVersion: v1\nmetadata: {name: a, namespace: x}\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: a, namespace: x}\n");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("both map to namespaces/x/app/a-configmap.yaml", run.Errors, StringComparison.Ordinal);
        Assert.Empty(Snapshot());
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Prune_removes_only_the_releases_files_that_are_no_longer_rendered()
    {
        Split(Rendered);
        Split("kind: ConfigMap\napiVersion: v1\nmetadata: {name: other}\n", release: "other-release");
        var run = Split("kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: reader}\n", prune: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["cluster/resources/app/reader-clusterrole.yaml", "namespaces/apps/other-release/other-configmap.yaml"], Snapshot().Keys.Where(IsResourceFile).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failed_render_leaves_the_directory_as_it_was()
    {
        Split(Rendered);
        var before = Snapshot();

        var run = Split(Rendered.Replace("password: gitops-secret-value-1", "password: [not, a, string]", StringComparison.Ordinal) + "\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: new}\n", prune: true);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before, Snapshot());
        Assert.DoesNotContain(Directory.EnumerateDirectories(Root), path => path.Contains("staging", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(1)]
    public void A_fault_while_moving_files_into_place_is_rolled_back(int failAtStep)
    {
        Split(Rendered);
        var before = Snapshot();
        var changed = Rendered.Replace("name: reader", "name: writer", StringComparison.Ordinal).Replace("keep: me", "keep: changed", StringComparison.Ordinal);
        var settings = new Settings { Namespace = "apps", Populate = new PopulationSettings { Enabled = false } };

        var error = Assert.Throws<UserException>(() =>
        {
            using var writer = new GitOpsDirectoryWriter(Root, "app", "apps", prune: true)
            {
                BeforeCommitStep = step =>
                {
                    if (step == failAtStep)
                    {
                        throw new IOException("injected fault");
                    }
                },
            };
            new RenderPipeline(settings, new MessageLog(TextWriter.Null, null)).Run(TestDocuments.Utf8(changed), [writer]);
            writer.Complete();
        });

        Assert.Contains("injected fault", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Unchanged_files_keep_their_timestamps()
    {
        Split(Rendered);
        var path = Path.Combine(Root, "cluster/resources/app/reader-clusterrole.yaml");
        var old = DateTime.UtcNow.AddDays(-1);
        File.SetLastWriteTimeUtc(path, old);
        Split(Rendered);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Documents_that_are_not_resources_are_an_error()
    {
        var run = Split("just: a mapping\n");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a Kubernetes resource with a kind and metadata.name", run.Errors, StringComparison.Ordinal);
    }
}
