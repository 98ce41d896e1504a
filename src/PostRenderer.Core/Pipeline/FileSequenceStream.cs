using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// Reads several YAML files as one UTF-8 stream (each file's byte order mark honoured, as stdin's is). A
/// document-start line goes between files, so the last document of one file can never run into the first of the next.
/// </summary>
public sealed class FileSequenceStream(IReadOnlyList<string> paths) : ReadOnlyStream
{
    private static readonly byte[] Separator = "\n---\n"u8.ToArray();

    private int next;
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

    private static Stream Open(string path)
    {
        try
        {
            return StandardStreams.OpenInput(File.OpenRead(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"cannot read {path}: {ex.Message}", ExitCodes.BadInput, ex);
        }
    }
}
