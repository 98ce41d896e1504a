namespace PostRenderer.Core.Configuration;

/// <summary>Finds a file in a directory or the nearest of its parents, as git finds .gitignore.</summary>
internal static class ConfigFileLocator
{
    public const string FileName = ".secret-postrenderer.yaml";
    public const string JenkinsXMapping = ".jx/secret/mapping/secret-mappings.yaml";

    public static string? FindUpwards(string startDirectory, string relativePath)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
