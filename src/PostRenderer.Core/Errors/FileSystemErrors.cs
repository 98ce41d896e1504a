namespace PostRenderer.Core.Errors;

/// <summary>
/// Plain words for why a file-system call failed, for messages about a path the user gave, and whether the
/// failure is the path's (exit 2: give another path, or fix its permissions) or the machine's (exit 1: a full
/// disk, an I/O error). On Linux and macOS an <see cref="IOException"/> from the system carries the errno as
/// its HResult; the numbers below are the same on both.
/// </summary>
public static class FileSystemErrors
{
    private const int NotADirectory = 20; // ENOTDIR
    private const int IsADirectory = 21; // EISDIR
    private const int NoSpace = 28; // ENOSPC
    private const int ReadOnlyFileSystem = 30; // EROFS
    private const int InputOutput = 5; // EIO
    private const int Exists = 17; // EEXIST: a file where a folder is to be made
    private const int QuotaExceeded = 122; // EDQUOT on Linux

    public static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder on the way does not exist, or is a file",
        FileNotFoundException => "no such file",
        PathTooLongException => "the path is too long",
        IOException { HResult: NotADirectory } => "a part of the path is a file, not a folder",
        IOException { HResult: IsADirectory } => "it is a folder, not a file",
        IOException { HResult: Exists } => "a file is in the way of a folder on the path",
        IOException { HResult: NoSpace } => "no space left on the device",
        IOException { HResult: QuotaExceeded } => "disk quota exceeded",
        IOException { HResult: ReadOnlyFileSystem } => "the file system is read-only",
        IOException { HResult: InputOutput } => "input/output error",
        _ => ex.Message,
    };

    /// <summary>
    /// <see cref="Reason(Exception)"/> for a path the user gave to be read: opening a folder fails as "access denied"
    /// on Linux, which would send the user after permissions that are fine.
    /// </summary>
    public static string Reason(Exception ex, string path) =>
        ex is UnauthorizedAccessException && Directory.Exists(path) ? "it is a folder, not a file" : Reason(ex);

    /// <summary>Exit code 2 when another path (or its permissions) would do, else 1.</summary>
    public static int ExitCodeFor(Exception ex) =>
        ex is UnauthorizedAccessException or DirectoryNotFoundException or FileNotFoundException or PathTooLongException
            or IOException { HResult: NotADirectory or IsADirectory or Exists or ReadOnlyFileSystem }
            ? ExitCodes.BadInput
            : ExitCodes.Failure;

    /// <summary>Whether a file opened with FileShare.None is held by another process (or another handle of this one).</summary>
    public static bool IsLockedByAnother(IOException ex) =>
        ex.HResult is 11 or 35 // EWOULDBLOCK on Linux and on macOS: .NET emulates FileShare.None with flock
            or unchecked((int)0x80070020) or unchecked((int)0x80070021); // Windows: sharing or lock violation

    /// <summary>True for the exceptions a file-system call throws for the reasons above.</summary>
    public static bool IsFileSystemError(Exception ex) => ex is IOException or UnauthorizedAccessException;
}
