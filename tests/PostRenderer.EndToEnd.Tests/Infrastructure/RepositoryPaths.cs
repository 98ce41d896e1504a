namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the checkout's folders from the test binaries' location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Charts => Path.Combine(Root, "fixtures", "charts");

    public static string HelmPlugin => Path.Combine(Root, "helm-plugin");

    public static string Chart(string name) => Path.Combine(Charts, name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PostRenderer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PostRenderer.sln not found above " + AppContext.BaseDirectory);
    }
}
