namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A copy of helm-plugin/ whose bin/ holds a stand-in "bundled binary" (the plugin's wrapper prefers one): it
/// runs the published binary and keeps a copy of what it wrote. Helm 4 strips the postrender-filename
/// annotations after regrouping, so this is the only place to see that the converter kept them.
/// </summary>
public static class CapturingPluginCopy
{
    public static string Create(IsolatedEnvironment environment, string capturePath)
    {
        var copy = environment.Subdirectory("plugin-copy");
        foreach (var file in Directory.GetFiles(RepositoryPaths.HelmPlugin, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepositoryPaths.HelmPlugin, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // bin/ is where a plugin directory may carry its own binary (git ignores it, so the checkout has none).
        var shim = Path.Combine(copy, "bin", "secret-postrenderer");
        Directory.CreateDirectory(Path.GetDirectoryName(shim)!);
        File.WriteAllText(shim, $"""
            #!/bin/sh
            '{PublishedBinary.Path}' "$@" > '{capturePath}'
            status=$?
            cat '{capturePath}'
            exit $status

            """);
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return copy;
    }
}
