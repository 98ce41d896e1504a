using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Diagnostics;

/// <summary>
/// Writes each message, prefixed with its level, to every target: stderr, and the log file when one is
/// given (Helm 4 discards a post-renderer's stderr). Thread-safe: population reports from several tasks.
/// A log file that cannot be opened is the user's error (exit 2); one that fails later (a full disk) is
/// dropped, the messages go on to stderr, and <see cref="FileFailure"/> says why, for the run to end with exit 1.
/// </summary>
internal sealed class MessageLog : IReporter, IDisposable
{
    private readonly TextWriter stderr;
    private readonly string? logFile;
    private readonly Lock gate = new();
    private TextWriter? file;
    private readonly HashSet<string> warnedOnce = new(StringComparer.Ordinal);
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

    /// <summary>Only errors reach stderr (--quiet); the log file, asked for to keep a record, still gets everything.</summary>
    public bool Quiet { get; init; }

    /// <summary>Colour the level word of warnings (yellow) and errors (red) on stderr; never in the log file.</summary>
    public bool Colour { get; init; }

    /// <summary>Why the log file stopped taking messages; null while it takes them (or there is none).</summary>
    public string? FileFailure { get; private set; }

    public void Warn(string message)
    {
        Interlocked.Increment(ref warnings);
        Write("warning", message);
    }

    public void Info(string message) => Write("info", message);

    public void Error(string message) => Write("error", message);

    /// <summary>A warning said once per run however many documents raise it, with <paramref name="key"/> telling which it is.</summary>
    public void WarnOnce(string key, string message)
    {
        lock (gate)
        {
            if (!warnedOnce.Add(key))
            {
                return;
            }
        }

        Warn(message);
    }

    private void Write(string level, string message)
    {
        var line = $"secret-postrenderer: {level}: {message}";
        lock (gate)
        {
            if (!Quiet || level == "error")
            {
                stderr.WriteLine(Colour ? Coloured(level, message) : line);
                stderr.Flush();
            }

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

    // Bold red or yellow for the level only: the message stays plain text to copy.
    private static string Coloured(string level, string message) => level switch
    {
        "error" => $"secret-postrenderer: \u001b[1;31merror\u001b[0m: {message}",
        "warning" => $"secret-postrenderer: \u001b[1;33mwarning\u001b[0m: {message}",
        _ => $"secret-postrenderer: {level}: {message}",
    };

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
