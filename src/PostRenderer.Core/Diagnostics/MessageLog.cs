namespace PostRenderer.Core.Diagnostics;

/// <summary>
/// Writes each message, prefixed with its level, to every target: stderr, and the log file when one is
/// given (Helm 4 discards a post-renderer's stderr). Thread-safe: population reports from several tasks.
/// </summary>
public sealed class MessageLog : IReporter, IDisposable
{
    private readonly List<TextWriter> targets;
    private readonly TextWriter? ownedFile;
    private readonly Lock gate = new();

    public MessageLog(TextWriter stderr, string? logFile)
    {
        targets = [stderr];
        if (logFile is not null)
        {
            var stream = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            ownedFile = new StreamWriter(stream) { AutoFlush = true };
            targets.Add(ownedFile);
        }
    }

    private int warnings;

    public int Warnings => Volatile.Read(ref warnings);

    public void Warn(string message)
    {
        Interlocked.Increment(ref warnings);
        Write("warning", message);
    }

    public void Info(string message) => Write("info", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        var line = $"secret-postrenderer: {level}: {message}";
        lock (gate)
        {
            foreach (var target in targets)
            {
                target.WriteLine(line);
                target.Flush();
            }
        }
    }

    public void Dispose() => ownedFile?.Dispose();
}
