using System.Text;

namespace PostRenderer.Core.ProcessIO;

/// <summary>
/// The process's stdin, stdout and stderr. On Linux and macOS they are the inherited descriptors themselves
/// (<see cref="DescriptorStream"/>), which keeps System.Console, and the 5 ms its first use costs, out of every
/// start; Windows, where descriptors are not how standard handles work, uses System.Console.
/// </summary>
public static class ProcessStreams
{
    private static TextWriter? errors;

    /// <summary>stdin, unbuffered: <see cref="StandardStreams.OpenInput"/> adds the buffer and the decoding.</summary>
    public static Stream OpenInput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardInput() : new DescriptorStream(0, FileAccess.Read, "standard input");

    /// <summary>stdout, unbuffered: <see cref="StandardStreams.OpenOutput"/> adds the buffer and the encoding.</summary>
    public static Stream OpenOutput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new DescriptorStream(1, FileAccess.Write, "standard output");

    /// <summary>
    /// stderr as text: UTF-8, LF, each write delivered at once and whole lines never interleaved between threads,
    /// as Console.Error does. A message that cannot be delivered is dropped, never an error of its own.
    /// </summary>
    public static TextWriter Errors => LazyInitializer.EnsureInitialized(ref errors, OpenErrors);

    private static TextWriter OpenErrors()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Error;
        }

        var stream = new DescriptorStream(2, FileAccess.Write, "standard error") { DiscardFailures = true };
        return TextWriter.Synchronized(new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1024) { AutoFlush = true, NewLine = "\n" });
    }
}
