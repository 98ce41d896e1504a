using PostRenderer.Core.Errors;

namespace PostRenderer.Core.ProcessIO;

/// <summary>
/// Reads several YAML files as one UTF-8 stream (each file's byte order mark honoured, as stdin's is). A
/// document-start line goes between files, so the last document of one file can never run into the first of the next.
/// </summary>
public sealed class FileSequenceStream(IReadOnlyList<string> paths) : ReadOnlyStream
{
    /// <summary>The name that stands for stdin among the files, as in kubectl apply -f -.</summary>
    public const string StandardInputName = "-";

    private static readonly byte[] Separator = "\n---\n"u8.ToArray();

    private int next;
    private bool standardInputRead;
    private Stream? current;
    private ReadOnlyMemory<byte> pendingSeparator;

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (!pendingSeparator.IsEmpty)
            {
                var length = Math.Min(buffer.Length, pendingSeparator.Length);
                pendingSeparator.Span[..length].CopyTo(buffer);
                pendingSeparator = pendingSeparator[length..];
                return length;
            }

            if (current is null)
            {
                if (next == paths.Count)
                {
                    return 0;
                }

                current = Open(paths[next]);
                pendingSeparator = next == 0 ? ReadOnlyMemory<byte>.Empty : Separator;
                next++;
                continue;
            }

            var read = current.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            current.Dispose();
            current = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            current?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>What "-" reads: the process's stdin, undecoded.</summary>
    public Stream? StandardInput { get; init; }

    private Stream Open(string path)
    {
        if (path == StandardInputName && StandardInput is not null)
        {
            // Read once (closed after): a second "-" finds it at its end, as with cat - -.
            var first = !standardInputRead;
            standardInputRead = true;
            return first ? StandardStreams.OpenInput(StandardInput) : Null;
        }

        try
        {
            return StandardStreams.OpenInput(File.OpenRead(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"cannot read {path}: {FileSystemErrors.Reason(ex, path)}", FileSystemErrors.ExitCodeFor(ex), ex);
        }
    }
}
