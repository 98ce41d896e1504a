namespace PostRenderer.Core.Tests.Architecture;

/// <summary>
/// Core's folders follow the data (stdin, split and read, convert, plan and populate, emit): a folder never
/// uses a folder that uses it back, directly or around a longer loop, and each folder is one namespace.
/// </summary>
public sealed class FolderDependencyTests
{
    [Fact]
    public void No_Core_folder_depends_on_itself_through_others()
    {
        var folders = CoreFolders.Names().ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(folder => folder, folder => CoreFolders.Dependencies(folder, folders), StringComparer.Ordinal);
        var cycles = folders.Order(StringComparer.Ordinal).Select(folder => FindCycle(folder, graph)).OfType<string>().ToList();
        Assert.True(cycles.Count == 0, "folder cycles in src/PostRenderer.Core:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Each_Core_folder_is_one_namespace_named_after_it()
    {
        var wrong = CoreFolders.Names()
            .SelectMany(folder => CoreFolders.SourceFiles(folder).Select(file => (folder, file, declared: CoreFolders.DeclaredNamespace(file))))
            .Where(entry => entry.declared != CoreFolders.NamespaceOf(entry.folder))
            .Select(entry => $"{Path.GetRelativePath(CoreFolders.CoreSource, entry.file)} declares {entry.declared ?? "no namespace"}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_cycle_check_sees_a_loop_when_there_is_one()
    {
        // The check itself, on a made-up graph: without this a check that never finds anything would pass.
        var graph = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["A"] = new Dictionary<string, string> { ["B"] = "A/One.cs" },
            ["B"] = new Dictionary<string, string> { ["C"] = "B/Two.cs" },
            ["C"] = new Dictionary<string, string> { ["A"] = "C/Three.cs" },
            ["D"] = new Dictionary<string, string> { ["A"] = "D/Four.cs" },
        };
        Assert.Equal("A -> B (A/One.cs) -> C (B/Two.cs) -> A (C/Three.cs)", FindCycle("A", graph));
        Assert.Null(FindCycle("D", graph));
    }

    /// <summary>A path from <paramref name="start"/> back to itself, each step with a file that shows it; null when none.</summary>
    private static string? FindCycle(string start, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> graph)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<(string Folder, string Evidence)>();
        return Walk(start);

        string? Walk(string folder)
        {
            foreach (var (next, evidence) in graph.GetValueOrDefault(folder, new Dictionary<string, string>()))
            {
                path.Add((next, evidence));
                if (next == start)
                {
                    return start + string.Concat(path.Select(step => $" -> {step.Folder} ({step.Evidence})"));
                }

                if (visited.Add(next) && Walk(next) is { } cycle)
                {
                    return cycle;
                }

                path.RemoveAt(path.Count - 1);
            }

            return null;
        }
    }
}
