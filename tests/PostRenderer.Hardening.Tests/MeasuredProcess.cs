using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// Runs the real executable (as <see cref="CliProcess"/> does) with input streamed from a writer callback, a time
/// limit, and its peak resident memory: VmHWM from /proc/PID/status, sampled until it exits. Output is counted,
/// and only its first megabyte kept.
/// </summary>
public sealed record MeasuredProcess(int ExitCode, string OutputHead, long OutputBytes, string Errors, long PeakKilobytes, TimeSpan Elapsed)
{
    private const int KeptOutput = 1 << 20;

    public static async Task<MeasuredProcess> RunAsync(Func<Stream, Task> writeInput, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = CliProcess.StartInfo(arguments);
        start.WorkingDirectory = workingDirectory;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, "xdg");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ReadHighWaterMark(process.Id));
                try
                {
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var head = new MemoryStream();
        long total = 0;
        var outputTask = Task.Run(async () =>
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
            {
                if (head.Length < KeptOutput)
                {
                    head.Write(buffer, 0, (int)Math.Min(read, KeptOutput - head.Length));
                }

                total += read;
            }
        });
        var errorTask = process.StandardError.ReadToEndAsync();
        var inputTask = Task.Run(async () =>
        {
            try
            {
                await writeInput(process.StandardInput.BaseStream);
            }
            catch (IOException)
            {
                // The process stopped reading (it failed early): what matters is its exit code and message.
            }
            finally
            {
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                }
            }
        });

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"secret-postrenderer did not finish within {limit.TotalSeconds}s");
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        await Task.WhenAll(outputTask, inputTask);
        return new MeasuredProcess(process.ExitCode, Encoding.UTF8.GetString(head.ToArray()), total, await errorTask, peak, clock.Elapsed);
    }

    /// <summary>Peak resident set size so far, in kilobytes; 0 once the process is gone.</summary>
    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
