using PostRenderer.Core.Errors;

namespace PostRenderer.Cli;

/// <summary>
/// -o FILE: the render is written to a temporary file beside FILE and renamed over it only when the run succeeded,
/// so FILE is either the old content or the whole new render, never half of one (as `> FILE` would leave it).
/// </summary>
internal sealed class AtomicOutputFile : IDisposable
{
    private readonly string target;
    private readonly string temporary;
    private bool committed;

    private AtomicOutputFile(string target, string temporary, FileStream stream)
    {
        this.target = target;
        this.temporary = temporary;
        Stream = stream;
    }

    public FileStream Stream { get; }

    public static AtomicOutputFile Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UserException($"cannot write {path}: it is a folder, not a file");
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            return new AtomicOutputFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw new UserException($"cannot write {path}: {FileSystemErrors.Reason(ex)}", FileSystemErrors.ExitCodeFor(ex), ex);
        }
    }

    /// <summary>Puts the render in place; the caller has closed <see cref="Stream"/>, which flushed it.</summary>
    public void Commit()
    {
        try
        {
            Stream.Dispose();
            File.Move(temporary, target, overwrite: true);
            committed = true;
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw new UserException($"cannot write {target}: {FileSystemErrors.Reason(ex)}", FileSystemErrors.ExitCodeFor(ex), ex);
        }
    }

    /// <summary>A run that failed leaves FILE as it was and no temporary file behind.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (!committed)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
            {
                // Nothing more to do: the message about the run's failure is what matters.
            }
        }
    }
}
