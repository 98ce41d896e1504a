using System.IO.Hashing;
using System.Text;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// The record of the files split wrote in one release folder: <c>.secret-postrenderer-files</c>, one line per
/// file with the XxHash128 of the content written and the file's name. --prune removes only files this record
/// names whose content is still what was written; a line it cannot read names no file, so a damaged record
/// only makes --prune remove less.
/// </summary>
internal static class WrittenFilesRecord
{
    public const string FileName = ".secret-postrenderer-files";

    private const string Header = "# Files secret-postrenderer wrote here, with the XxHash128 of their content. --prune removes only these, and only while unchanged.\n";

    /// <summary>File name to content hash; null when the folder has no record (never written by split, or by a version before records).</summary>
    public static Dictionary<string, string>? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space == 32 && line[..space].All(char.IsAsciiHexDigitLower) && line[(space + 1)..] is var name
                && name.EndsWith(".yaml", StringComparison.Ordinal) && GitOpsLayout.SegmentProblem(name) is null)
            {
                entries[name] = line[..space];
            }
        }

        return entries;
    }

    /// <summary>The record's text for these files (name to hash), in name order.</summary>
    public static string Format(IReadOnlyDictionary<string, string> entries)
    {
        var text = new StringBuilder(Header);
        foreach (var (name, hash) in entries.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(hash).Append(' ').Append(name).Append('\n');
        }

        return text.ToString();
    }

    public static string HashOf(string path) => Convert.ToHexStringLower(XxHash128.Hash(File.ReadAllBytes(path)));
}
