using System.Text;
using Xunit.Abstractions;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// Hostile sizes through the real process, with its peak memory (VmHWM): a 100 MB scalar fails cleanly on the
/// default 64 MiB document limit (exit 2, one line, no stack trace) or converts with a raised
/// --max-document-size; an alias bomb fails at the node limit. Peak memory stays under fixed bounds in every case.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed class LargeInputProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int ScalarLength = 100_000_000;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly string work = Directory.CreateTempSubdirectory("large-input-").FullName;

    [Fact]
    public async Task A_100_MB_scalar_fails_cleanly_on_the_default_document_limit_within_bounded_memory()
    {
        var run = await MeasuredProcess.RunAsync(stream => WriteLargeDocumentAsync(stream, "ConfigMap", "data", "blob"), ["--no-populate"], work, Limit);
        Report(run);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Errors}");
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"(line \d+ is longer|the document starting at line \d+ is larger) than 67108864 bytes; raise --max-document-size", line);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, run.OutputBytes);
        Assert.InRange(run.PeakKilobytes, 1, 700_000);
    }

    [Fact]
    public async Task A_100_MB_secret_value_converts_with_a_raised_limit_without_leaking_within_bounded_memory()
    {
        var run = await MeasuredProcess.RunAsync(stream => WriteLargeDocumentAsync(stream, "Secret", "stringData", "blob"),
            ["--no-populate", "--max-document-size", "120000000"], work, Limit);
        Report(run);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Errors}");
        Assert.Contains("kind: ExternalSecret", run.OutputHead, StringComparison.Ordinal);
        Assert.True(run.OutputBytes < 10_000, $"{run.OutputBytes} bytes of output for one ExternalSecret");
        Assert.DoesNotContain("xxxxxxxxxxxxxxxx", run.OutputHead + run.Errors, StringComparison.Ordinal);
        Assert.InRange(run.PeakKilobytes, 1, 1_600_000);
    }

    [Fact]
    public async Task A_100_MB_scalar_passes_through_with_a_raised_limit_within_bounded_memory()
    {
        var run = await MeasuredProcess.RunAsync(stream => WriteLargeDocumentAsync(stream, "ConfigMap", "data", "blob"),
            ["--no-populate", "--max-document-size", "120000000"], work, Limit);
        Report(run);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Errors}");
        Assert.InRange(run.OutputBytes, ScalarLength, ScalarLength + 1_000);
        Assert.InRange(run.PeakKilobytes, 1, 1_600_000);
    }

    [Fact]
    public async Task An_alias_bomb_fails_at_the_node_limit_within_bounded_memory()
    {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + string.Concat("bcdefghijklmnop".Select((c, i) => $"{c}: &{c} [{string.Join(',', Enumerable.Repeat("*" + (i == 0 ? 'a' : "bcdefghijklmnop"[i - 1]), 9))}]\n"));
        var run = await MeasuredProcess.RunAsync(stream => stream.WriteAsync(Encoding.UTF8.GetBytes(bomb)).AsTask(), ["--no-populate"], work, Limit);
        Report(run);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Errors}");
        Assert.Contains("the document expands to more than 2000000 nodes", run.Errors, StringComparison.Ordinal);
        Assert.InRange(run.PeakKilobytes, 1, 400_000);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private void Report(MeasuredProcess run) =>
        output.WriteLine($"exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0}s, peak {run.PeakKilobytes / 1024} MiB, {run.OutputBytes} bytes out; {run.Errors.Trim()}");

    /// <summary>A document whose one value is 100,000,000 'x', streamed in 1 MB pieces.</summary>
    private static async Task WriteLargeDocumentAsync(Stream stream, string kind, string field, string key)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"apiVersion: v1\nkind: {kind}\nmetadata:\n  name: big\n{field}:\n  {key}: "));
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1_000_000));
        for (var i = 0; i < ScalarLength / chunk.Length; i++)
        {
            await stream.WriteAsync(chunk);
        }

        await stream.WriteAsync("\n"u8.ToArray());
    }
}
