using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.GitOps;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Rendering;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.GitOps;

/// <summary>
/// A signal (Interruption.Interrupt, as the CLI's handler calls it) while split reads, or while it moves files
/// into place, leaves the output directory as it was and no staging folder. The real signal on the real process
/// is in PostRenderer.Hardening.Tests (SignalProcessTests).
/// </summary>
public sealed class InterruptedSplitTests : IDisposable
{
    private const string Rendered = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: new}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: new}\n";

    private readonly string directory = Directory.CreateTempSubdirectory("gitops-signal-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Root => Path.Combine(directory, "out");

    private SortedDictionary<string, string> Snapshot() =>
        new(Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(directory, path), path => File.Exists(path) ? File.ReadAllText(path) : "<dir>"), StringComparer.Ordinal);

    private void SplitOnce(string yaml)
    {
        var run = InProcessRun.Execute(Encoding.UTF8.GetBytes(yaml), directory, commandLine: new Dictionary<string, string?> { ["outputDir"] = Root, ["release"] = "app", ["namespace"] = "apps", ["prune"] = "true" });
        Assert.True(run.ExitCode == 0, run.Errors);
    }

    [Fact]
    public void A_signal_while_documents_are_staged_removes_the_staging_folder_and_a_new_output_directory()
    {
        var interruption = new Interruption();
        using var writer = new GitOpsDirectoryWriter(Root, "app", "apps", prune: true, interruption: interruption);
        new RenderPipeline(new Settings { Populate = new PopulationSettings { Enabled = false } }, new MessageLog(TextWriter.Null, null)).Run(TestDocuments.Utf8(Rendered), [writer]);
        Assert.Single(Directory.EnumerateDirectories(Root));

        interruption.Interrupt(143);

        Assert.False(Directory.Exists(Root));
        Assert.Throws<OperationCanceledException>(writer.Complete);
        Assert.Equal(143, interruption.ExitCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_signal_between_two_moves_rolls_back_what_was_moved(int signalAtStep)
    {
        SplitOnce(Rendered.Replace("{name: b}", "{name: c}", StringComparison.Ordinal));
        var before = Snapshot();
        var interruption = new Interruption();
        Thread? handler = null;
        var changed = Rendered.Replace("k: new", "k: changed", StringComparison.Ordinal);

        using (var writer = new GitOpsDirectoryWriter(Root, "app", "apps", prune: true, interruption: interruption)
        {
            BeforeCommitStep = step =>
            {
                if (step == signalAtStep)
                {
                    // As the signal handler's thread: it waits for the moves to stop, then cleans up.
                    handler = new Thread(() => interruption.Interrupt(130));
                    handler.Start();
                    SpinWait.SpinUntil(() => interruption.Requested);
                }
            },
        })
        {
            new RenderPipeline(new Settings { Namespace = "apps", Populate = new PopulationSettings { Enabled = false } }, new MessageLog(TextWriter.Null, null)).Run(TestDocuments.Utf8(changed), [writer]);
            Assert.Throws<OperationCanceledException>(writer.Complete);
        }

        handler!.Join();
        Assert.Equal(before, Snapshot());
    }
}
