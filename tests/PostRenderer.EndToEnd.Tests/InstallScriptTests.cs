using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// install.sh: --local builds this checkout; the download path is exercised against a release laid out on
/// disk exactly as release.yml publishes it (served through --base-url file://, there is no internet here).
/// </summary>
[Trait("Speed", "Slow")]
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
            "sh", Script, "--version", DeveloperTools.VersionOf(environment, PublishedBinary.Path), "--dir", target, "--base-url", new Uri(release).AbsoluteUri, "--helm-plugin", "--helm", HelmBinaries.Helm4)
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

    [Fact]
    public void A_version_other_than_the_binary_reports_installs_nothing()
    {
        using var environment = new IsolatedEnvironment();
        var release = ReleaseScripts.LocalRelease(environment);
        var target = Path.Combine(environment.Root, "bin");

        var run = environment.Run("sh", Script, "--version", "9.9.9", "--dir", target, "--base-url", new Uri(release).AbsoluteUri);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("asked for version 9.9.9 but the binary reports: secret-postrenderer ", run.Errors, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target));
    }

    /// <summary>The release as release.yml lays it out (its own scripts), the archive tampered with on request.</summary>
    private static string FakeRelease(IsolatedEnvironment environment, bool corruptArchive)
    {
        var release = ReleaseScripts.LocalRelease(environment);
        if (corruptArchive)
        {
            File.AppendAllText(Path.Combine(release, $"secret-postrenderer-{ReleaseScripts.Platform}.tar.gz"), "tampered");
        }

        return release;
    }
}
