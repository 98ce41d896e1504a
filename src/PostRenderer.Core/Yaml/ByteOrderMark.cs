namespace PostRenderer.Core.Yaml;

/// <summary>
/// A UTF-8 byte-order mark inside a stream: go-yaml skips one at the start of a line before a token, so a document
/// that starts with one (files joined with <c>cat</c>, each saved with a BOM) means what it would without it. Our
/// readers would make it part of the first key; <see cref="KubernetesReading"/> refuses any other that they read.
/// </summary>
internal static class ByteOrderMark
{
    private const char Mark = '\uFEFF';

    /// <summary>
    /// The text without a mark at the start of any line up to its first line of content (blank lines, comments and
    /// the <c>---</c> line before it included): there go-yaml is looking for the first token, and skips one.
    /// </summary>
    public static string StripFromFirstContentLine(string text)
    {
        if (!text.Contains(Mark, StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var next = lineEnd < 0 ? text.Length : lineEnd + 1;
            var line = text.AsSpan(lineStart, next - lineStart);
            if (line.Length > 0 && line[0] == Mark)
            {
                line = line[1..];
            }

            builder.Append(line);
            var content = line.TrimEnd("\r\n").TrimStart(' ');
            var isMarker = line.StartsWith("---") && (line.Length == 3 || line[3] is ' ' or '\t' or '\r' or '\n');
            if (!(content.IsEmpty || content[0] == '#' || isMarker))
            {
                return builder.Append(text.AsSpan(next)).ToString();
            }

            lineStart = next;
        }

        return builder.ToString();
    }
}
