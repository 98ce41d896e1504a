namespace PostRenderer.Core.GitOps;

/// <summary>
/// Where a path really leads: every symbolic link along it followed, as the kernel would when the path is
/// opened, and '..' taken after the link before it (physically, not by text). Parts that do not exist yet are
/// kept as written. A path that names a link to itself, or loops, is an <see cref="IOException"/>.
/// </summary>
internal static class RealPath
{
    // As Linux's limit on links followed in one lookup (ELOOP).
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        // Not Path.GetFullPath: it would take ".." by text, before the links ahead of it are followed.
        var full = Path.IsPathFullyQualified(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Parts(full[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"{path}: too many levels of symbolic links");
            }

            // The link's target replaces the link, relative to the folder it sits in unless it is absolute.
            var targetRoot = Path.GetPathRoot(target) ?? "";
            if (targetRoot.Length > 0)
            {
                current = Path.GetFullPath(targetRoot);
            }

            foreach (var targetPart in Parts(target[targetRoot.Length..]).Reverse())
            {
                pending.Push(targetPart);
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (both real paths).</summary>
    public static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");
}
