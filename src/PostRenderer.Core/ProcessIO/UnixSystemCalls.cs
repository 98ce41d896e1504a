using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace PostRenderer.Core.ProcessIO;

/// <summary>The three C library calls <see cref="DescriptorStream"/> needs, and the error numbers it acts on.</summary>
[UnsupportedOSPlatform("windows")]
internal static unsafe partial class UnixSystemCalls
{
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;

    public const int Interrupted = 4; // EINTR, the same on Linux and macOS
    public const int BrokenPipe = 32; // EPIPE, the same on Linux and macOS

    /// <summary>EAGAIN: the descriptor was left non-blocking by whoever started us (11 on Linux, 35 on macOS).</summary>
    public static int WouldBlock { get; } = OperatingSystem.IsMacOS() ? 35 : 11;

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
