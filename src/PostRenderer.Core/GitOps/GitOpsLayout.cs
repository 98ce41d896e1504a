using PostRenderer.Core.Errors;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// The Jenkins X layout: namespaced resources in <c>namespaces/NS/RELEASE/NAME-KIND.yaml</c>, cluster-scoped
/// ones in <c>cluster/resources/RELEASE/</c>, CRDs in <c>customresourcedefinitions/RELEASE/</c>.
/// </summary>
internal static class GitOpsLayout
{
    public static string PathOf(ResourceFile file, ResourceScopes scopes, string defaultNamespace)
    {
        var fileName = $"{Segment(file.Name, "metadata.name", file)}-{Segment(file.Kind, "kind", file).ToLowerInvariant()}.yaml";
        var release = Segment(file.Release, file.ReleaseSource, file);
        if (file.Kind == "CustomResourceDefinition")
        {
            return Path.Combine("customresourcedefinitions", release, fileName);
        }

        return scopes.IsClusterScoped(file.Kind)
            ? Path.Combine("cluster", "resources", release, fileName)
            : Path.Combine("namespaces", Segment(file.Namespace ?? defaultNamespace, file.Namespace is null ? "the default namespace" : "metadata.namespace", file), release, fileName);
    }

    /// <summary>The folders a release owns, for --prune.</summary>
    public static IEnumerable<string> ReleaseFolders(string root, string release)
    {
        yield return Path.Combine(root, "cluster", "resources", release);
        yield return Path.Combine(root, "customresourcedefinitions", release);
        var namespaces = Path.Combine(root, "namespaces");
        if (Directory.Exists(namespaces))
        {
            foreach (var @namespace in Directory.GetDirectories(namespaces))
            {
                yield return Path.Combine(@namespace, release);
            }
        }
    }

    /// <summary>Why <paramref name="name"/> cannot be one file or folder name in the output directory; null when it can.</summary>
    public static string? SegmentProblem(string name) => name switch
    {
        "" => "it is empty",
        "." or ".." => "it would name a folder above",
        _ when name.Contains('/', StringComparison.Ordinal) => "it holds '/'",
        _ when name.Any(char.IsControl) => "it holds a control character",
        _ when Path.IsPathRooted(Escape(name)) => "it is an absolute path",
        _ => null,
    };

    /// <summary>
    /// A path segment from a name: ':' and '\' (a separator on Windows) become '-'; a name that could climb out
    /// of its folder, or name none, is refused (Kubernetes refuses such names too).
    /// </summary>
    private static string Segment(string text, string what, ResourceFile file) =>
        SegmentProblem(text) is { } problem
            ? throw new UserException($"{file.Origin}: {what} '{Printable(text)}' cannot be a file or folder name in the output directory: {problem}")
            : Escape(text);

    private static string Escape(string text) => text.Replace(':', '-').Replace('\\', '-');

    // The message quotes the name; a control character in it would break the one-line message.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
