using System.Text.RegularExpressions;

namespace PostRenderer.Core.Tests.Architecture;

/// <summary>
/// Core's folders as source sees them: each folder is one namespace, and a folder depends on another when one of
/// its files imports that namespace or names a type through it. Read from source, not from the assembly, so
/// that a dependency fails the test before anything is built on it.
/// </summary>
internal static partial class CoreFolders
{
    private const string Prefix = "PostRenderer.Core.";

    public static string CoreSource => Path.Combine(RepositoryPaths.Root, "src", "PostRenderer.Core");

    public static IReadOnlyList<string> Names() =>
        Directory.EnumerateDirectories(CoreSource)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj") && Directory.EnumerateFiles(Path.Combine(CoreSource, name), "*.cs").Any())
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(CoreSource, folder), "*.cs", SearchOption.AllDirectories);

    /// <summary>The Core folders that <paramref name="folder"/> uses, each with one file that shows it.</summary>
    public static IReadOnlyDictionary<string, string> Dependencies(string folder, IReadOnlySet<string> folders)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(folder))
        {
            var text = Comment().Replace(File.ReadAllText(file), string.Empty);
            foreach (Match match in NamespaceUse().Matches(text))
            {
                var used = match.Groups["folder"].Value;
                if (used != folder && folders.Contains(used))
                {
                    found.TryAdd(used, Path.GetRelativePath(CoreSource, file));
                }
            }
        }

        return found;
    }

    public static string? DeclaredNamespace(string file) =>
        NamespaceDeclaration().Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups["name"].Value : null;

    // "PostRenderer.Core.X" in a using directive or a qualified name, and "Core.X." as code inside
    // PostRenderer may write it.
    [GeneratedRegex(@"\b(?:PostRenderer\.)?Core\.(?<folder>[A-Z]\w*)\b")]
    private static partial Regex NamespaceUse();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    public static string NamespaceOf(string folder) => Prefix + folder;
}
