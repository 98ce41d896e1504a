using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// A long-lived reader process (the Kubernetes oracle or the libyaml reader) that takes streams as frames
/// "&lt;byte count&gt;\n&lt;bytes&gt;" on stdin and answers each with one JSON line on stdout. One process serves a whole
/// test run; frames are written on one thread while answers are read on another, so a batch costs one round trip.
/// </summary>
public sealed class FramedReaderProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly Lock gate = new();

    public FramedReaderProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = new UTF8Encoding(false);
        process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Reads every stream, in order.</summary>
    public IReadOnlyList<StreamReading> ReadAll(IReadOnlyList<byte[]> streams)
    {
        lock (gate)
        {
            var writer = Task.Run(() =>
            {
                var stdin = process.StandardInput.BaseStream;
                foreach (var stream in streams)
                {
                    stdin.Write(Encoding.ASCII.GetBytes(stream.Length.ToString(CultureInfo.InvariantCulture) + "\n"));
                    stdin.Write(stream);
                }

                stdin.Flush();
            });
            var readings = new List<StreamReading>(streams.Count);
            for (var i = 0; i < streams.Count; i++)
            {
                var line = process.StandardOutput.ReadLine();
                if (line is null)
                {
                    process.WaitForExit(5_000);
                    string stderr;
                    lock (errors)
                    {
                        stderr = errors.ToString();
                    }

                    throw new InvalidOperationException($"{Name} stopped after {i} of {streams.Count} streams: {stderr}");
                }

                readings.Add(StreamReading.Parse(line));
            }

            writer.GetAwaiter().GetResult();
            return readings;
        }
    }

    public StreamReading Read(byte[] stream) => ReadAll([stream])[0];

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5_000))
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
