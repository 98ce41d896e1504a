using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// install.sh: --local builds this checkout; the download path is exercised against a release laid out on
/// disk exactly as release.yml publishes it (served through --base-url file://, there is no internet here).
/// </summary>
public sealed class InstallScriptTests
{
    private static string Script => Path.Combine(RepositoryPaths.Root, "install.sh");

    [Fact]
    public void Local_build_installs_a_binary_with_the_published_version()
    {
        using var environment = new IsolatedEnvironment().WithRealDotnetHome();
        var target = Path.Combine(environment.Root, "bin");

        environment.Run("sh", Script, "--local", "--dir", target).EnsureSuccess();

        var installed = Path.Combine(target, "secret-postrenderer");
        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), DeveloperTools.VersionOf(environment, installed));
    }

    [Fact]
    public void Download_verifies_the_checksum_and_installs_the_release_binary_and_helm_plugin()
    {
        using var environment = new IsolatedEnvironment();
        var release = FakeRelease(environment, corruptArchive: false);
        var target = Path.Combine(environment.Root, "bin");

        var run = environment.Run(
            "sh", Script, "--version", "0.1.0", "--dir", target, "--base-url", new Uri(release).AbsoluteUri, "--helm-plugin", "--helm", HelmBinaries.Helm4)
            .EnsureSuccess();

        var installed = Path.Combine(target, "secret-postrenderer");
        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), DeveloperTools.VersionOf(environment, installed));
        var plugins = environment.Run(HelmBinaries.Helm4, "plugin", "list").EnsureSuccess();
        Assert.Contains("postrenderer/v1", plugins.Output, StringComparison.Ordinal);
        Assert.Contains("Installed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checksum_mismatch_installs_nothing()
    {
        using var environment = new IsolatedEnvironment();
        var release = FakeRelease(environment, corruptArchive: true);
        var target = Path.Combine(environment.Root, "bin");

        var run = environment.Run("sh", Script, "--dir", target, "--base-url", new Uri(release).AbsoluteUri);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("checksum mismatch", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "secret-postrenderer")));
    }

    /// <summary>linux-amd64 archive, plugin archive and checksums.txt, named as release.yml names them.</summary>
    private static string FakeRelease(IsolatedEnvironment environment, bool corruptArchive)
    {
        var release = environment.Subdirectory("release");
        var archive = Path.Combine(release, $"secret-postrenderer-linux-{(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64")}.tar.gz");
        WriteTarGz(archive, [("secret-postrenderer", PublishedBinary.Path)]);
        var plugin = Path.Combine(release, "secret-postrenderer-helm-plugin.tar.gz");
        WriteTarGz(plugin, Directory.GetFiles(RepositoryPaths.HelmPlugin, "*", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(RepositoryPaths.HelmPlugin, file), file)).ToArray());

        var lines = new[] { archive, plugin }.Select(file => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}  {Path.GetFileName(file)}");
        File.WriteAllLines(Path.Combine(release, "checksums.txt"), lines);
        if (corruptArchive)
        {
            File.AppendAllText(archive, "tampered");
        }

        return release;
    }

    private static void WriteTarGz(string path, (string Name, string Source)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, source) in entries)
        {
            tar.WriteEntry(source, name);
        }
    }
}
