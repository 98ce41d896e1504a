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
    public void Piped_into_sh_as_README_shows_it_installs_the_release_binary()
    {
        // README: `curl -fsSL .../releases/latest/download/install.sh | sh`; the script arrives on stdin, and
        // `sh -s --` passes it the options the offline test needs (the local release instead of GitHub).
        using var environment = new IsolatedEnvironment();
        var release = ReleaseScripts.LocalRelease(environment);
        var target = Path.Combine(environment.Root, "bin");

        environment.Run("sh", ["-s", "--", "--dir", target, "--base-url", new Uri(release).AbsoluteUri], File.ReadAllText(Script))
            .EnsureSuccess();

        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), DeveloperTools.VersionOf(environment, Path.Combine(target, "secret-postrenderer")));
    }

    [Fact]
    public void Run_as_README_shows_it_installs_into_the_home_local_bin_folder()
    {
        // README: `./install.sh` (executable in the checkout), no --dir: ~/.local/bin.
        using var environment = new IsolatedEnvironment();
        var release = ReleaseScripts.LocalRelease(environment);

        environment.Run(Script, "--base-url", new Uri(release).AbsoluteUri).EnsureSuccess();

        var installed = Path.Combine(environment.Root, "home", ".local", "bin", "secret-postrenderer");
        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), DeveloperTools.VersionOf(environment, installed));
    }

    [Fact]
    public void The_READMEs_checksum_line_verifies_a_download_and_catches_a_tampered_one()
    {
        // README "To check a download by hand": `sha256sum --ignore-missing -c checksums.txt` beside the downloads.
        using var environment = new IsolatedEnvironment();
        var release = ReleaseScripts.LocalRelease(environment);
        var archive = $"secret-postrenderer-{ReleaseScripts.Platform}.tar.gz";

        var check = environment.Run("sha256sum", ["--ignore-missing", "-c", "checksums.txt"], workingDirectory: release).EnsureSuccess();
        Assert.Contains(archive + ": OK", check.Output, StringComparison.Ordinal);

        File.AppendAllText(Path.Combine(release, archive), "tampered");
        var tampered = environment.Run("sha256sum", ["--ignore-missing", "-c", "checksums.txt"], workingDirectory: release);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains(archive + ": FAILED", tampered.Output, StringComparison.Ordinal);
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
