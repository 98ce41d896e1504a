using PostRenderer.Core.Errors;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// Moves staged files into place and removes stale ones as one unit: every replaced or removed file is first
/// moved aside, and any failure undoes the steps taken so far, in reverse, before the error is reported.
/// </summary>
internal sealed class DirectoryTransaction(string workDirectory, Action<int>? beforeStep)
{
    private readonly List<(string Target, string? Backup)> journal = [];
    private readonly List<string> createdDirectories = [];
    private int step;

    public void Commit(IEnumerable<(string Target, string Staged)> writes, IReadOnlyList<string> removals)
    {
        var backups = Path.Combine(workDirectory, "replaced");
        Directory.CreateDirectory(backups);
        try
        {
            foreach (var (target, staged) in writes)
            {
                if (File.Exists(target) && FilesEqual(target, staged))
                {
                    continue; // unchanged: keep the file (and its timestamp) as it is
                }

                Step();
                EnsureDirectory(Path.GetDirectoryName(target)!);
                var backup = MoveAside(target, backups);
                File.Move(staged, target);
                journal.Add((target, backup));
            }

            foreach (var stale in removals)
            {
                Step();
                journal.Add((stale, MoveAside(stale, backups)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UserException or OperationCanceledException)
        {
            RollBack();
            throw ex is UserException or OperationCanceledException ? ex : new UserException($"cannot write the output directory: {ex.Message}; nothing was changed", ExitCodes.Failure, ex);
        }
    }

    private void Step() => beforeStep?.Invoke(step++);

    private string? MoveAside(string target, string backups)
    {
        if (!File.Exists(target))
        {
            return null;
        }

        var backup = Path.Combine(backups, journal.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(target, backup);
        return backup;
    }

    private void EnsureDirectory(string directory)
    {
        var missing = new Stack<string>();
        for (var current = directory; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        foreach (var path in missing)
        {
            Directory.CreateDirectory(path);
            createdDirectories.Add(path);
        }
    }

    private void RollBack()
    {
        for (var i = journal.Count - 1; i >= 0; i--)
        {
            var (target, backup) = journal[i];
            if (File.Exists(target))
            {
                File.Delete(target);
            }

            if (backup is not null)
            {
                File.Move(backup, target);
            }
        }

        for (var i = createdDirectories.Count - 1; i >= 0; i--)
        {
            if (Directory.Exists(createdDirectories[i]) && !Directory.EnumerateFileSystemEntries(createdDirectories[i]).Any())
            {
                Directory.Delete(createdDirectories[i]);
            }
        }
    }

    private static bool FilesEqual(string a, string b)
    {
        var left = new FileInfo(a);
        var right = new FileInfo(b);
        return left.Length == right.Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }
}
