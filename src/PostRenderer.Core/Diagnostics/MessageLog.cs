using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Diagnostics;

/// <summary>
/// Writes each message, prefixed with its level, to every target: stderr, and the log file when one is
/// given (Helm 4 discards a post-renderer's stderr). Thread-safe: population reports from several tasks.
/// A log file that cannot be opened is the user's error (exit 2); one that fails later (a full disk) is
/// dropped, the messages go on to stderr, and <see cref="FileFailure"/> says why, for the run to end with exit 1.
/// </summary>
public sealed class MessageLog : IReporter, IDisposable
{
    private readonly TextWriter stderr;
    private readonly string? logFile;
    private readonly Lock gate = new();
    private TextWriter? file;
    private int warnings;

    public MessageLog(TextWriter stderr, string? logFile)
    {
        this.stderr = stderr;
        this.logFile = logFile;
        if (logFile is not null)
        {
            try
            {
                var stream = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                file = new StreamWriter(stream) { AutoFlush = true };
            }
            catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
            {
                throw new UserException($"cannot open the log file {logFile}: {FileSystemErrors.Reason(ex)}", FileSystemErrors.ExitCodeFor(ex), ex);
            }
        }
    }

    public int Warnings => Volatile.Read(ref warnings);

    /// <summary>Why the log file stopped taking messages; null while it takes them (or there is none).</summary>
    public string? FileFailure { get; private set; }

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
            stderr.WriteLine(line);
            stderr.Flush();
            if (file is null)
            {
                return;
            }

            try
            {
                file.WriteLine(line);
            }
            catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
            {
                FileFailure = $"cannot write the log file {logFile}: {FileSystemErrors.Reason(ex)}";
                Close();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            Close();
        }
    }

    // Closing flushes what the writer holds, which fails again on a full disk: the failure is known already.
    private void Close()
    {
        try
        {
            file?.Dispose();
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
        }

        file = null;
    }
}
