using PostRenderer.Core.Errors;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// The Jenkins X layout: namespaced resources in <c>namespaces/NS/RELEASE/NAME-KIND.yaml</c>, cluster-scoped
/// ones in <c>cluster/resources/RELEASE/</c>, CRDs in <c>customresourcedefinitions/RELEASE/</c>.
/// </summary>
public static class GitOpsLayout
{
    public static string PathOf(ResourceFile file, ResourceScopes scopes, string defaultNamespace)
    {
        var fileName = $"{Segment(file.Name, file)}-{file.Kind.ToLowerInvariant()}.yaml";
        var release = Segment(file.Release, file);
        if (file.Kind == "CustomResourceDefinition")
        {
            return Path.Combine("customresourcedefinitions", release, fileName);
        }

        return scopes.IsClusterScoped(file.Kind)
            ? Path.Combine("cluster", "resources", release, fileName)
            : Path.Combine("namespaces", Segment(file.Namespace ?? defaultNamespace, file), release, fileName);
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

    /// <summary>A path segment from a name: ':' and '/' become '-'; anything that could climb out is refused.</summary>
    private static string Segment(string text, ResourceFile file)
    {
        var segment = text.Replace(':', '-').Replace('/', '-').Replace('\\', '-');
        if (segment.Length == 0 || segment is "." or ".." || segment.Contains('\0', StringComparison.Ordinal))
        {
            throw new UserException($"{file.Origin}: '{text}' cannot be a file or folder name in the output directory");
        }

        return segment;
    }
}
