using System.Globalization;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Finds the line of a setting in a configuration file, for error messages: the parsed settings carry no
/// positions, so this walks the text once an error needs it, each name of the <c>a:b:c</c> path at a deeper
/// indentation after its parent's line. Sequence indices are skipped: the next name below them is looked for.
/// </summary>
internal static class ConfigFileLines
{
    /// <summary>", line N" when the path's last name is found; else nothing (the file is gone, or the text is unusual).</summary>
    public static string Describe(string file, string keyPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }

        var line = Find(lines, keyPath.Split(':'));
        return line is { } found ? ", line " + found.ToString(CultureInfo.InvariantCulture) : "";
    }

    internal static int? Find(IReadOnlyList<string> lines, IEnumerable<string> path)
    {
        var start = 0;
        var parentIndent = -1;
        int? found = null;
        foreach (var name in path)
        {
            if (name.Length > 0 && name.All(char.IsAsciiDigit))
            {
                continue;
            }

            found = null;
            for (var i = start; i < lines.Count; i++)
            {
                if (KeyAt(lines[i], name) is { } indent && indent > parentIndent)
                {
                    found = i + 1;
                    start = i + 1;
                    parentIndent = indent;
                    break;
                }
            }

            if (found is null)
            {
                return null;
            }
        }

        return found;
    }

    // The column of `name:` on the line, also after a list item's "- " and in quotes; null when the line holds another key.
    private static int? KeyAt(string line, string name)
    {
        var text = line.TrimStart();
        var indent = line.Length - text.Length;
        while (text.StartsWith("- ", StringComparison.Ordinal))
        {
            text = text[2..].TrimStart();
            indent = line.Length - text.Length;
        }

        foreach (var quote in new[] { "", "\"", "'" })
        {
            var key = quote + name + quote;
            if (text.StartsWith(key, StringComparison.Ordinal) && text[key.Length..].TrimStart().StartsWith(':'))
            {
                return indent;
            }
        }

        return null;
    }
}
