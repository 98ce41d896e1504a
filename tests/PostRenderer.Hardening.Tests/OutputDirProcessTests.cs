using PostRenderer.Core.GitOps;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// A split run that fails while moving files into place (after some files were already moved) leaves the output
/// directory exactly as it was: replaced files restored, pruned files back, new files and folders gone, no staging
/// folder left. The fault is real: the last resource's target path is occupied by a directory, so its move fails
/// after the earlier ones succeeded. (GitOpsDirectoryWriterTests injects faults at every step in-process.)
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed class OutputDirProcessTests : IDisposable
{
    private const string Rendered = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a-first
          namespace: shop
        data:
          k: new
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: b-second
          namespace: shop
        stringData:
          password: output-dir-secret-value-77
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c-new
          namespace: other
        data:
          k: v
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: z-blocked
          namespace: shop
        data:
          k: v

        """;

    private readonly string work = Directory.CreateTempSubdirectory("output-dir-process-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failure_in_the_middle_of_moving_files_into_place_leaves_the_directory_as_it_was(bool prune)
    {
        var gitops = Path.Combine(work, "gitops");
        var release = Path.Combine(gitops, "namespaces", "shop", "rel");
        Directory.CreateDirectory(release);
        File.WriteAllText(Path.Combine(release, "a-first-configmap.yaml"), "old content, to be replaced\n");
        File.WriteAllText(Path.Combine(release, "stale-configmap.yaml"), "stale, pruned by --prune\n");
        File.WriteAllText(Path.Combine(release, WrittenFilesRecord.FileName), $"{WrittenFilesRecord.HashOf(Path.Combine(release, "stale-configmap.yaml"))} stale-configmap.yaml\n");
        Directory.CreateDirectory(Path.Combine(release, "z-blocked-configmap.yaml", "in-the-way"));
        File.WriteAllText(Path.Combine(gitops, "README.md"), "not ours\n");
        var before = Snapshot(gitops);

        string[] arguments = ["split", "--output-dir", "gitops", "--release", "rel", "--no-populate"];
        var run = CliProcess.Run(Rendered, prune ? [.. arguments, "--prune"] : arguments, work);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Errors}");
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(line.Contains("cannot write the output directory", StringComparison.Ordinal), run.Errors);
        Assert.Contains("nothing was changed", line, StringComparison.Ordinal);
        // .NET's own words for the failed move, not a resource key such as IO_FileExists_Name.
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+_[A-Za-z]+\b", line);
        Assert.DoesNotContain("output-dir-secret-value-77", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(gitops));
    }

    [Fact]
    public void The_same_run_succeeds_once_the_path_is_free()
    {
        var gitops = Path.Combine(work, "gitops");
        var run = CliProcess.Run(Rendered, ["split", "--output-dir", "gitops", "--release", "rel", "--no-populate"], work);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(4, Directory.EnumerateFiles(gitops, "*.yaml", SearchOption.AllDirectories).Count());
        Assert.DoesNotContain("output-dir-secret-value-77", string.Concat(Directory.EnumerateFiles(gitops, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>Every file and folder under <paramref name="root"/> with each file's content.</summary>
    private static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(root, path)] = File.Exists(path) ? File.ReadAllText(path) : "<dir>";
        }

        return result;
    }
}
