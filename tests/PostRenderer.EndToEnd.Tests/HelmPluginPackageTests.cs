using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// The plugin as the release ships it: `helm plugin package` output (tests/tools/package-helm-plugin.sh), installed
/// from the .tgz with real helm 4.1 the way README says, signed (.prov, verified) or unsigned (--verify=false).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HelmPluginPackageTests
{
    [Fact]
    public void The_packaged_plugin_installs_from_its_archive_and_renders()
    {
        using var environment = new IsolatedEnvironment();
        var archive = ReleaseScripts.PackageHelmPlugin(environment, environment.Subdirectory("dist"), "7.8.9");

        environment.Run(HelmBinaries.Helm4, "plugin", "install", archive, "--verify=false").EnsureSuccess();

        var list = environment.Run(HelmBinaries.Helm4, "plugin", "list").EnsureSuccess();
        var line = Assert.Single(list.Output.Split('\n'), row => row.StartsWith("secret-postrenderer", StringComparison.Ordinal));
        // The release's version reaches plugin.yaml.
        Assert.Contains("7.8.9", line, StringComparison.Ordinal);
        var run = Helm4Template(environment, "shop", "umbrella", PostRendererArgs("--no-populate")).EnsureSuccess();
        UmbrellaChart.AssertConverted(run.Output);
    }

    [Fact]
    public void The_packaged_plugin_installs_from_a_release_URL_as_the_README_says()
    {
        // README: `helm plugin install https://github.com/.../releases/download/v0.1.0/secret-postrenderer-0.1.0.tgz
        // --verify=false`; the release's files here come from a loopback HTTP server instead of GitHub.
        using var environment = new IsolatedEnvironment();
        var dist = environment.Subdirectory("dist");
        ReleaseScripts.PackageHelmPlugin(environment, dist, "7.8.9");
        using var server = new LoopbackFileServer(dist);

        environment.Run(HelmBinaries.Helm4, "plugin", "install", server.BaseUrl + "secret-postrenderer-7.8.9.tgz", "--verify=false").EnsureSuccess();

        Assert.Contains("secret-postrenderer-7.8.9.tgz", server.Requests);
        var run = Helm4Template(environment, "shop", "umbrella", PostRendererArgs("--no-populate")).EnsureSuccess();
        UmbrellaChart.AssertConverted(run.Output);
    }

    [Fact]
    public void An_unsigned_archive_needs_verify_false_as_the_README_says()
    {
        using var environment = new IsolatedEnvironment();
        var archive = ReleaseScripts.PackageHelmPlugin(environment, environment.Subdirectory("dist"), "7.8.9");

        var run = environment.Run(HelmBinaries.Helm4, "plugin", "install", archive);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(".prov", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_signing_key_the_archive_gets_a_prov_that_helm_verifies()
    {
        using var environment = new IsolatedEnvironment();
        var gnupg = environment.Subdirectory("gnupg");
        File.SetUnixFileMode(gnupg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        environment.Set("GNUPGHOME", gnupg);
        environment.Run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "secret-postrenderer test <test@example.invalid>", "rsa2048", "sign", "never").EnsureSuccess();
        var privateKey = environment.Run("gpg", "--batch", "--armor", "--export-secret-keys").EnsureSuccess().Output;
        var publicKeyring = Path.Combine(environment.Root, "pubring.gpg");
        environment.Run("gpg", "--batch", "--output", publicKeyring, "--export").EnsureSuccess();
        environment.Set("SIGNING_KEY", privateKey);

        var archive = ReleaseScripts.PackageHelmPlugin(environment, environment.Subdirectory("dist"), "7.8.9");

        Assert.True(File.Exists(archive + ".prov"), "no .prov beside " + archive);
        environment.Set("SIGNING_KEY", null);
        environment.Run(HelmBinaries.Helm4, "plugin", "install", archive, "--keyring", publicKeyring).EnsureSuccess();
        var list = environment.Run(HelmBinaries.Helm4, "plugin", "list").EnsureSuccess();
        Assert.DoesNotContain("unsigned", list.Output, StringComparison.Ordinal);
    }
}
