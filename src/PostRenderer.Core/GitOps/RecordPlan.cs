using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// What one run does to the release folders' records (<see cref="WrittenFilesRecord"/>), and which files --prune
/// removes: a file the record names that this run no longer renders, whose content is still what was written.
/// Every other file stays: hand-written ones, ones changed since, ones written before records were kept. Without
/// --prune the record keeps naming the earlier files, so that a later --prune can still remove them.
/// </summary>
internal sealed class RecordPlan(string realRoot, bool prune, IReporter? reporter)
{
    /// <summary>Record files to write, with their new text.</summary>
    public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>Files to remove: pruned files, and records left naming nothing.</summary>
    public List<string> Removals { get; } = [];

    /// <param name="written">Every path this run writes, with the hash of its content.</param>
    /// <param name="releaseFolders">With --prune: every existing folder of the run's releases.</param>
    public void Plan(IReadOnlyDictionary<string, string> written, IEnumerable<string> releaseFolders)
    {
        var folders = new SortedSet<string>(written.Keys.Select(path => Path.GetDirectoryName(path)!), StringComparer.Ordinal);
        if (prune)
        {
            folders.UnionWith(releaseFolders.Where(folder => RealPath.IsInside(RealPath.Of(folder), realRoot)));
        }

        foreach (var folder in folders)
        {
            PlanFolder(folder, written.Where(pair => Path.GetDirectoryName(pair.Key) == folder).ToDictionary(pair => Path.GetFileName(pair.Key), pair => pair.Value, StringComparer.Ordinal));
        }
    }

    private void PlanFolder(string folder, Dictionary<string, string> entries)
    {
        var recorded = WrittenFilesRecord.Read(folder);
        if (prune && recorded is null && Directory.Exists(folder))
        {
            WarnAboutUnrecordedFiles(folder, entries);
        }

        foreach (var (name, hash) in recorded ?? [])
        {
            var path = Path.Combine(folder, name);
            if (entries.ContainsKey(name) || !IsUnchangedFile(path, hash))
            {
                continue; // rewritten now, or gone, or no longer what this tool wrote: the record drops it
            }

            if (prune)
            {
                Removals.Add(path);
            }
            else
            {
                entries[name] = hash;
            }
        }

        var record = Path.Combine(folder, WrittenFilesRecord.FileName);
        if (entries.Count > 0)
        {
            Records[record] = WrittenFilesRecord.Format(entries);
        }
        else if (File.Exists(record))
        {
            Removals.Add(record);
        }
    }

    private bool IsUnchangedFile(string path, string hash)
    {
        var file = new FileInfo(path);
        return file.Exists && file.LinkTarget is null && RealPath.IsInside(RealPath.Of(path), realRoot) && WrittenFilesRecord.HashOf(path) == hash;
    }

    // Files written by a version that kept no record look hand-written; say once why they stay.
    private void WarnAboutUnrecordedFiles(string folder, Dictionary<string, string> rendered)
    {
        var left = Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).Count(name => !rendered.ContainsKey(name!));
        if (left > 0)
        {
            reporter?.Warn($"--prune left {left} file(s) in {folder}: it has no record of writing them (hand-written, or written by a version before {WrittenFilesRecord.FileName} was kept); delete them by hand if they are stale");
        }
    }
}
