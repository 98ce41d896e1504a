using System.Text;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.GitOps;

/// <summary>
/// Names from the input (and --release) become path segments only when they cannot climb out of their folder,
/// and no path is written through a symbolic link that leads outside the output directory.
/// </summary>
public sealed class OutputPathSafetyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gitops-paths-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Root => Path.Combine(directory, "work", "out");

    private InProcessRun Split(string yaml, string? release = null)
    {
        var commandLine = new Dictionary<string, string?> { ["outputDir"] = Root, ["namespace"] = "apps" };
        if (release is not null)
        {
            commandLine["release"] = release;
        }

        Directory.CreateDirectory(Path.Combine(directory, "work"));
        return InProcessRun.Execute(Encoding.UTF8.GetBytes(yaml), directory, commandLine: commandLine);
    }

    /// <summary>Every file anywhere under the test's folder: nothing may appear outside the output directory.</summary>
    private string[] AllFiles() =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(directory, path)).Order(StringComparer.Ordinal)];

    private static string ConfigMap(string name = "c", string? @namespace = null, string? instance = null, string kind = "ConfigMap") =>
        $"apiVersion: v1\nkind: \"{kind}\"\nmetadata:\n  name: \"{name}\"\n"
        + (@namespace is null ? "" : $"  namespace: \"{@namespace}\"\n")
        + (instance is null ? "" : $"  labels:\n    app.kubernetes.io/instance: \"{instance}\"\n")
        + "data:\n  k: v\n";

    [Theory]
    [InlineData("../../..", "it holds '/'")]
    [InlineData("..", "it would name a folder above")]
    [InlineData("/etc", "it holds '/'")]
    [InlineData("", "it is empty")]
    [InlineData("a\\tb", "it holds a control character")]
    public void A_release_label_that_is_not_one_folder_name_is_refused(string instance, string problem)
    {
        var run = Split("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {k: v}\n---\n" + ConfigMap(instance: instance));

        Assert.True(run.ExitCode == 2, run.Errors);
        Assert.Contains("document 2 at line 5 (ConfigMap c): label app.kubernetes.io/instance", run.Errors, StringComparison.Ordinal);
        Assert.Contains(problem, run.Errors, StringComparison.Ordinal);
        Assert.Empty(AllFiles());
    }

    [Theory]
    [InlineData("../../..")]
    [InlineData("..")]
    [InlineData("/tmp")]
    public void A_release_option_that_is_not_one_folder_name_is_refused_before_anything_is_read(string release)
    {
        var run = Split(ConfigMap(), release);

        Assert.True(run.ExitCode == 2, run.Errors);
        Assert.Contains($"setting 'release' is '{release}', which cannot be a folder name in the output directory", run.Errors, StringComparison.Ordinal);
        Assert.Empty(AllFiles());
        Assert.False(Directory.Exists(Root));
    }

    [Theory]
    [InlineData("a/../../../x", null, "ConfigMap", "metadata.name 'a/../../../x'")]
    [InlineData("..", null, "ConfigMap", "metadata.name '..'")]
    [InlineData("c", "../..", "ConfigMap", "metadata.namespace '../..'")]
    [InlineData("c", ".", "ConfigMap", "metadata.namespace '.'")]
    [InlineData("c", null, "x/../../../../y", "kind 'x/../../../../y'")]
    public void Names_namespaces_and_kinds_that_could_climb_out_are_refused(string name, string? @namespace, string kind, string named)
    {
        var run = Split(ConfigMap(name, @namespace, kind: kind), release: "rel");

        Assert.True(run.ExitCode == 2, run.Errors);
        Assert.Contains(named, run.Errors, StringComparison.Ordinal);
        Assert.Contains("cannot be a file or folder name in the output directory", run.Errors, StringComparison.Ordinal);
        Assert.Empty(AllFiles());
    }

    [Fact]
    public void A_colon_and_a_backslash_become_dashes()
    {
        var run = Split(ConfigMap("system:a\\\\b"), release: "rel");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal([Path.Combine("work", "out", "namespaces", "apps", "rel", "system-a-b-configmap.yaml")], AllFiles().Where(path => path.EndsWith(".yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_symbolic_link_in_the_output_directory_that_leads_outside_is_never_written_through()
    {
        var outside = Directory.CreateDirectory(Path.Combine(directory, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "not the tool's\n");
        Directory.CreateDirectory(Path.Combine(Root, "namespaces", "apps"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "namespaces", "apps", "rel"), "../../../../outside");

        var run = Split(ConfigMap(), release: "rel");

        Assert.True(run.ExitCode == 2, run.Errors);
        Assert.Contains("namespaces/apps/rel/c-configmap.yaml leads outside the output directory", run.Errors, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Root), path => path.Contains("staging", StringComparison.Ordinal));
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_is_never_replaced_or_written_through()
    {
        var outside = Path.Combine(directory, "victim.yaml");
        File.WriteAllText(outside, "not the tool's\n");
        Directory.CreateDirectory(Path.Combine(Root, "namespaces", "apps", "rel"));
        File.CreateSymbolicLink(Path.Combine(Root, "namespaces", "apps", "rel", "c-configmap.yaml"), outside);

        var run = Split(ConfigMap(), release: "rel");

        Assert.True(run.ExitCode == 2, run.Errors);
        Assert.Equal("not the tool's\n", File.ReadAllText(outside));
        Assert.NotNull(new FileInfo(Path.Combine(Root, "namespaces", "apps", "rel", "c-configmap.yaml")).LinkTarget);
    }

    [Fact]
    public void A_symbolic_link_that_stays_inside_the_output_directory_is_followed()
    {
        Directory.CreateDirectory(Path.Combine(Root, "shared"));
        Directory.CreateDirectory(Path.Combine(Root, "namespaces"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "namespaces", "apps"), "../shared");

        var run = Split(ConfigMap(), release: "rel");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.True(File.Exists(Path.Combine(Root, "shared", "rel", "c-configmap.yaml")));
    }
}
