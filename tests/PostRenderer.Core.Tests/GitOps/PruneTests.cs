using System.Text;
using PostRenderer.Core.GitOps;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.GitOps;

/// <summary>
/// --prune removes only files split wrote in an earlier run and that are still as it wrote them: never a
/// hand-written file, a file changed since, a file in a folder the layout never writes, or a file written by a
/// version that kept no record.
/// </summary>
public sealed class PruneTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gitops-prune-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Root => Path.Combine(directory, "out");

    private string Folder => Path.Combine(Root, "namespaces", "apps", "app");

    private InProcessRun Split(bool prune, params string[] names) =>
        InProcessRun.Execute(
            Encoding.UTF8.GetBytes(string.Join("---\n", names.Select(name => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata: {{k: v}}\n"))),
            directory,
            commandLine: new Dictionary<string, string?> { ["outputDir"] = Root, ["release"] = "app", ["namespace"] = "apps", ["prune"] = prune ? "true" : "false" });

    private string[] Files() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Root, path)).Order(StringComparer.Ordinal)];

    private static string InFolder(params string[] names) => string.Join(',', names.Select(name => Path.Combine("namespaces", "apps", "app", name)));

    [Fact]
    public void Each_release_folder_records_the_files_written_there_with_their_hashes()
    {
        Assert.Equal(0, Split(false, "a", "b").ExitCode);

        var record = WrittenFilesRecord.Read(Folder)!;
        Assert.Equal(["a-configmap.yaml", "b-configmap.yaml"], record.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WrittenFilesRecord.HashOf(Path.Combine(Folder, "a-configmap.yaml")), record["a-configmap.yaml"]);
        Assert.StartsWith("# Files secret-postrenderer wrote here", File.ReadAllText(Path.Combine(Folder, WrittenFilesRecord.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_removes_a_file_written_earlier_and_no_longer_rendered()
    {
        Split(false, "a", "b");

        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(InFolder(WrittenFilesRecord.FileName, "a-configmap.yaml"), string.Join(',', Files()));
        Assert.Equal(["a-configmap.yaml"], WrittenFilesRecord.Read(Folder)!.Keys);
    }

    [Fact]
    public void A_run_without_prune_keeps_earlier_files_in_the_record_for_a_later_prune()
    {
        Split(false, "a", "b");
        Split(false, "a");
        Assert.Equal(["a-configmap.yaml", "b-configmap.yaml"], WrittenFilesRecord.Read(Folder)!.Keys.Order(StringComparer.Ordinal));

        Split(true, "a");

        Assert.False(File.Exists(Path.Combine(Folder, "b-configmap.yaml")));
    }

    [Fact]
    public void Prune_never_removes_a_hand_written_yaml_file_in_the_release_folder()
    {
        Split(false, "a", "b");
        File.WriteAllText(Path.Combine(Folder, "hand-written.yaml"), "kind: ConfigMap\n");

        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal("kind: ConfigMap\n", File.ReadAllText(Path.Combine(Folder, "hand-written.yaml")));
        Assert.False(File.Exists(Path.Combine(Folder, "b-configmap.yaml")));
    }

    [Fact]
    public void Prune_never_removes_a_file_in_a_folder_the_layout_never_writes()
    {
        Split(false, "a");
        var nested = Directory.CreateDirectory(Path.Combine(Folder, "kustomize")).FullName;
        File.WriteAllText(Path.Combine(nested, "a-configmap.yaml"), "mine\n");
        File.WriteAllText(Path.Combine(Root, "namespaces", "apps", "patch.yaml"), "mine\n");

        var run = Split(true, "b");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.True(File.Exists(Path.Combine(nested, "a-configmap.yaml")));
        Assert.True(File.Exists(Path.Combine(Root, "namespaces", "apps", "patch.yaml")));
        Assert.False(File.Exists(Path.Combine(Folder, "a-configmap.yaml")));
    }

    [Fact]
    public void A_recorded_file_changed_by_hand_is_no_longer_the_tools_and_stays()
    {
        Split(false, "a", "b");
        File.AppendAllText(Path.Combine(Folder, "b-configmap.yaml"), "# edited by hand\n");

        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.EndsWith("# edited by hand\n", File.ReadAllText(Path.Combine(Folder, "b-configmap.yaml")), StringComparison.Ordinal);
        Assert.Equal(["a-configmap.yaml"], WrittenFilesRecord.Read(Folder)!.Keys);
    }

    [Fact]
    public void Files_written_by_a_version_that_kept_no_record_stay_and_the_run_says_so()
    {
        Split(false, "a", "b");
        File.Delete(Path.Combine(Folder, WrittenFilesRecord.FileName));

        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.True(File.Exists(Path.Combine(Folder, "b-configmap.yaml")));
        Assert.Contains("--prune left 1 file(s) in", run.Errors, StringComparison.Ordinal);
        Assert.Contains("has no record of writing them", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_line_that_could_name_a_file_elsewhere_names_none()
    {
        var outside = Path.Combine(directory, "victim.yaml");
        File.WriteAllText(outside, "");
        Split(false, "a");
        var hashOfEmpty = WrittenFilesRecord.HashOf(outside);
        File.AppendAllText(Path.Combine(Folder, WrittenFilesRecord.FileName), $"{hashOfEmpty} ../../../../victim.yaml\n{hashOfEmpty} /tmp/x.yaml\nnot a line\n");

        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.True(File.Exists(outside));
        Assert.Equal(["a-configmap.yaml"], WrittenFilesRecord.Read(Folder)!.Keys);
    }

    [Fact]
    public void A_folder_left_with_no_file_of_the_tools_loses_its_record_too()
    {
        Split(false, "a");
        File.WriteAllText(Path.Combine(Folder, "hand-written.yaml"), "x: 1\n");

        var run = Split(true, "b-elsewhere");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(InFolder(WrittenFilesRecord.FileName, "b-elsewhere-configmap.yaml", "hand-written.yaml"), string.Join(',', Files()));
    }

    [Fact]
    public void Prune_on_a_first_run_writes_the_new_folders_and_their_records()
    {
        var run = Split(true, "a");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(InFolder(WrittenFilesRecord.FileName, "a-configmap.yaml"), string.Join(',', Files()));
        Assert.DoesNotContain("warning", run.Errors, StringComparison.Ordinal);
    }
}
