using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// Reads several YAML files as one stream. A document-start line goes between files, so the last document
/// of one file can never run into the first of the next.
/// </summary>
public sealed class FileSequenceReader(IReadOnlyList<string> paths) : TextReader
{
    private int next;
    private TextReader? current;
    private string? pendingSeparator;

    public override int Read(char[] buffer, int index, int count)
    {
        while (true)
        {
            if (pendingSeparator is not null)
            {
                var length = Math.Min(count, pendingSeparator.Length);
                pendingSeparator.CopyTo(0, buffer, index, length);
                pendingSeparator = length == pendingSeparator.Length ? null : pendingSeparator[length..];
                return length;
            }

            if (current is null)
            {
                if (next == paths.Count)
                {
                    return 0;
                }

                current = Open(paths[next]);
                pendingSeparator = next == 0 ? null : "\n---\n";
                next++;
                continue;
            }

            var read = current.Read(buffer, index, count);
            if (read > 0)
            {
                return read;
            }

            current.Dispose();
            current = null;
        }
    }

    public override int Read() => throw new NotSupportedException("read in blocks");

    protected override void Dispose(bool disposing)
    {
        current?.Dispose();
        base.Dispose(disposing);
    }

    private static TextReader Open(string path)
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
