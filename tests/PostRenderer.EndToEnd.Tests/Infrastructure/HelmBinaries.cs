namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>The real helm 3 and helm 4 that tests/tools/install-helm.sh puts under .tools/.</summary>
public static class HelmBinaries
{
    public static string Helm3 => Find("helm3");

    public static string Helm4 => Find("helm4");

    private static string Find(string directory)
    {
        var path = Path.Combine(RepositoryPaths.Root, ".tools", directory, "helm");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run tests/tools/install-helm.sh (./test.sh does).");
        }

        return path;
    }
}
