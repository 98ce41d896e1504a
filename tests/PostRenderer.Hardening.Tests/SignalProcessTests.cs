using System.Diagnostics;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// SIGTERM or SIGINT sent to the real process while split is staging documents (helm still writing its input):
/// the output directory stays exactly as it was, no staging folder is left, the exit code is 128 plus the
/// signal's number, and stderr says why. (InterruptedSplitTests covers a signal between two moves.)
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed class SignalProcessTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("signal-process-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    [InlineData("HUP", 129)]
    public async Task A_signal_while_documents_are_staged_leaves_the_output_directory_as_it_was(string signal, int exitCode)
    {
        var gitops = Path.Combine(work, "gitops");
        var release = Directory.CreateDirectory(Path.Combine(gitops, "namespaces", "shop", "rel")).FullName;
        File.WriteAllText(Path.Combine(release, "a-configmap.yaml"), "old content, to be replaced\n");
        File.WriteAllText(Path.Combine(gitops, "README.md"), "not ours\n");
        var before = Snapshot(gitops);

        var start = CliProcess.StartInfo(["split", "--output-dir", "gitops", "--release", "rel", "--no-populate", "--namespace", "shop"]);
        start.WorkingDirectory = work;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await process.StandardInput.WriteAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata: {{k: new}}\n---\n");
        }

        await process.StandardInput.FlushAsync();
        Assert.True(SpinWait.SpinUntil(() => StagedFiles(gitops) >= 3, TimeSpan.FromSeconds(60)), "the documents were never staged");

        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process did not stop");
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains($"stopped by SIG{signal} before the run finished", await errors, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(gitops));
    }

    private static int StagedFiles(string gitops) =>
        Directory.EnumerateDirectories(gitops, ".secret-postrenderer-staging-*").Sum(folder => Directory.EnumerateFiles(folder).Count());

    private static SortedDictionary<string, string> Snapshot(string root) =>
        new(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), path => File.Exists(path) ? File.ReadAllText(path) : "<dir>"), StringComparer.Ordinal);
}
