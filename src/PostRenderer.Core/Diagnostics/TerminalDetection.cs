using System.Runtime.InteropServices;

namespace PostRenderer.Core.Diagnostics;

/// <summary>
/// Whether a standard stream is a terminal, for what only a person needs (colour, a hint that input is awaited).
/// On Linux and macOS it asks isatty(3) directly: System.Console's own answer costs its first use, which every
/// start otherwise avoids (see ProcessStreams).
/// </summary>
public static partial class TerminalDetection
{
    public const int StandardInput = 0;
    public const int StandardError = 2;

    public static bool IsTerminal(int descriptor)
    {
        if (OperatingSystem.IsWindows())
        {
            return descriptor == StandardInput ? !Console.IsInputRedirected : !Console.IsErrorRedirected;
        }

        return IsATty(descriptor) == 1;
    }

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int descriptor);
}
