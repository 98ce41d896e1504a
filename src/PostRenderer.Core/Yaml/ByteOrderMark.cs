namespace PostRenderer.Core.Yaml;

/// <summary>
/// A UTF-8 byte-order mark inside a stream: go-yaml skips one at the start of a line before a token, so a document
/// that starts with one (files joined with <c>cat</c>, each saved with a BOM) means what it would without it. Our
/// readers would make it part of the first key; <see cref="KubernetesReading"/> refuses any other that they read.
/// </summary>
internal static class ByteOrderMark
{
    private const char Mark = '\uFEFF';

    /// <summary>The text without a mark at the start of its first line that is not blank, a comment or the <c>---</c> line.</summary>
    public static string StripFromFirstContentLine(string text)
    {
        var mark = text.IndexOf(Mark);
        if (mark < 0)
        {
            return text;
        }

        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart).TrimEnd('\r');
            var content = line.TrimStart(' ');
            var isMarker = line.StartsWith("---") && (line.Length == 3 || line[3] is ' ' or '\t');
            if (!(content.IsEmpty || content[0] == '#' || isMarker))
            {
                return line.Length > 0 && line[0] == Mark ? text.Remove(lineStart, 1) : text;
            }

            if (lineEnd < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
        }

        return text;
    }
}
