using System.Runtime.InteropServices;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The release workflow's own scripts (tests/tools/package-helm-plugin.sh, assemble-release.sh), run here to lay out
/// a release on disk exactly as release.yml publishes it, with the published binary as this machine's platform.
/// </summary>
public static class ReleaseScripts
{
    public static string Path(string name) => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "tools", name);

    /// <summary>This machine's release platform name, as install.sh detects it.</summary>
    public static string Platform => "linux-" + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64");

    /// <summary>`helm plugin package`s helm-plugin/ with the given version (unsigned unless SIGNING_KEY is set); returns the .tgz.</summary>
    public static string PackageHelmPlugin(IsolatedEnvironment environment, string outputDirectory, string version)
    {
        environment.Run("bash", Path("package-helm-plugin.sh"), "--helm", HelmBinaries.Helm4, "--version", version, "--out", outputDirectory).EnsureSuccess();
        return System.IO.Path.Combine(outputDirectory, $"secret-postrenderer-{version}.tgz");
    }

    /// <summary>A release directory: the published binary for this platform, the packaged plugin, install.sh, checksums.txt.</summary>
    public static string LocalRelease(IsolatedEnvironment environment)
    {
        var artifacts = environment.Subdirectory("artifacts");
        var binaries = Directory.CreateDirectory(System.IO.Path.Combine(artifacts, "binary-" + Platform)).FullName;
        File.Copy(PublishedBinary.Path, System.IO.Path.Combine(binaries, "secret-postrenderer"));
        PackageHelmPlugin(environment, System.IO.Path.Combine(artifacts, "packages"), DeveloperTools.VersionOf(environment, PublishedBinary.Path));

        var release = environment.Subdirectory("release");
        var assembled = environment.Run("bash", Path("assemble-release.sh"), "--artifacts", artifacts, "--out", release).EnsureSuccess();
        Assert.Contains("archived secret-postrenderer-" + Platform + ".tar.gz", assembled.Output, StringComparison.Ordinal);
        return release;
    }
}
