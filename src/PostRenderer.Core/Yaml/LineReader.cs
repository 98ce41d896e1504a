using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Reads lines (LF or CRLF) from a text stream without ever holding more than a bounded amount of text,
/// so that one huge line fails cleanly instead of exhausting memory.
/// </summary>
internal sealed class LineReader(TextReader reader, int maxLineChars)
{
    private readonly char[] buffer = new char[64 * 1024];
    private readonly StringBuilder partial = new();
    private int position;
    private int length;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    public string? ReadLine()
    {
        partial.Clear();
        while (true)
        {
            if (position == length && !Fill())
            {
                if (partial.Length == 0)
                {
                    return null;
                }

                LineNumber++;
                return TrimCarriageReturn(partial.ToString());
            }

            var span = buffer.AsSpan(position, length - position);
            var newline = span.IndexOf('\n');
            if (newline >= 0)
            {
                LineNumber++;
                string line;
                if (partial.Length == 0)
                {
                    line = new string(span[..newline]);
                }
                else
                {
                    partial.Append(span[..newline]);
                    line = partial.ToString();
                }

                position += newline + 1;
                return TrimCarriageReturn(line);
            }

            partial.Append(span);
            position = length;
            if (partial.Length > maxLineChars)
            {
                throw new UserException(
                    $"line {LineNumber + 1} is longer than {maxLineChars} characters; raise --max-document-size if this input is genuine");
            }
        }
    }

    private bool Fill()
    {
        try
        {
            length = reader.Read(buffer, 0, buffer.Length);
        }
        catch (DecoderFallbackException ex)
        {
            throw new UserException($"line {LineNumber + 1}: the input is not valid UTF-8; convert it to UTF-8 first", inner: ex);
        }

        position = 0;
        return length > 0;
    }

    private static string TrimCarriageReturn(string line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
