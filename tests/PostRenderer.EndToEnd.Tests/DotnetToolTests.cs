using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// The dotnet tool packages release.yml publishes (.NET 10 RID-specific tools): `dotnet tool install` reads the
/// pointer package and installs this platform's NativeAOT package, which converts; every other platform gets the
/// portable package.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DotnetToolTests(PackedToolPackage package) : IClassFixture<PackedToolPackage>
{
    private const string Input = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tool\nstringData:\n  key: e2e-tool-value-6a0\n";

    [Fact]
    public void The_tool_installs_this_platforms_native_package_and_converts_with_the_published_version()
    {
        using var environment = new IsolatedEnvironment().WithRealDotnetHome();
        // A private package cache: the global one would keep serving an older build of the same version.
        environment.Set("NUGET_PACKAGES", environment.Subdirectory("nuget-packages-for-tool"));
        // `--global` installs into $DOTNET_CLI_HOME/.dotnet/tools: a folder of this test's, not the real home's.
        var cliHome = environment.Subdirectory("dotnet-cli-home");
        environment.Set("DOTNET_CLI_HOME", cliHome);

        // README's line, with the release's .nupkg files as the source (--add-source, as README says) and the
        // version of this build, instead of nuget.org's latest.
        environment.Run("dotnet", "tool", "install", "--global", "secret-postrenderer", "--add-source", package.Directory, "--version", package.Version)
            .EnsureSuccess();

        var tool = Path.Combine(cliHome, ".dotnet", "tools", "secret-postrenderer");
        var version = environment.Run(tool, "version").EnsureSuccess().Output;
        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), version.Split(' ')[1]);
        Assert.EndsWith($", dotnet-tool native-aot, {PackedToolPackage.HostRuntimeIdentifier})\n", version, StringComparison.Ordinal);
        AssertConverts(environment, tool);
    }

    [Fact]
    public void The_pointer_package_names_one_package_per_release_platform_musl_and_the_portable_fallback_and_holds_no_code()
    {
        var releasePlatforms = ReleaseRuntimeIdentifiers();
        Assert.Equal(6, releasePlatforms.Count);
        Assert.Equal(
            [.. releasePlatforms.Append("linux-musl-x64").Append("linux-musl-arm64").Append("any").Select(rid => (rid, "secret-postrenderer." + rid))],
            package.RuntimeIdentifierPackages);
        Assert.DoesNotContain(package.MainPackageEntries, entry => entry.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains("<packageType name=\"DotnetTool\" />", package.MainPackageNuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void This_platforms_package_is_the_native_binary_alone_without_its_symbols()
    {
        var entries = package.EntriesOf(package.PlatformPackage(PackedToolPackage.HostRuntimeIdentifier))
            .Where(entry => entry.StartsWith("tools/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var folder = $"tools/any/{PackedToolPackage.HostRuntimeIdentifier}/";
        Assert.Equal([folder + "DotnetToolSettings.xml", folder + "secret-postrenderer"], entries);
    }

    [Theory]
    [InlineData("any")]
    [InlineData("linux-musl-x64")]
    public void The_framework_dependent_packages_run_on_the_dotnet_runtime_and_convert(string runtimeIdentifier)
    {
        // `dotnet tool install` picks these only on other platforms (no switch makes it pick them here): their
        // DotnetToolSettings.xml says `dotnet` runs the .dll, so run it that way.
        using var environment = new IsolatedEnvironment().WithRealDotnetHome();
        var unpacked = package.Extract(package.PlatformPackage(runtimeIdentifier), environment);
        var settings = File.ReadAllText(Path.Combine(unpacked, "tools", "net10.0", runtimeIdentifier, "DotnetToolSettings.xml"));
        Assert.Contains("EntryPoint=\"secret-postrenderer.dll\" Runner=\"dotnet\"", settings, StringComparison.Ordinal);
        var entryPoint = Path.Combine(unpacked, "tools", "net10.0", runtimeIdentifier, "secret-postrenderer.dll");

        var version = environment.Run("dotnet", entryPoint, "version").EnsureSuccess().Output;
        Assert.Contains(", dotnet-tool, ", version, StringComparison.Ordinal);
        var run = environment.Run("dotnet", [entryPoint, "--no-populate"], Input).EnsureSuccess();
        AssertRendersWithoutTheValue(run.Output);
    }

    [Fact]
    public void The_package_names_its_license_project_readme_and_tags()
    {
        Assert.Contains("README.md", package.MainPackageEntries);
        Assert.Contains("LICENSE", package.MainPackageEntries);
        var nuspec = package.MainPackageNuspec;
        Assert.Contains("<license type=\"expression\">Apache-2.0</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<projectUrl>https://github.com/secret-postrenderer/secret-postrenderer</projectUrl>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<tags>helm post-renderer", nuspec, StringComparison.Ordinal);
    }

    /// <summary>The six platforms the release builds: tests/tools/publish-all.sh's all_rids, which release.yml runs.</summary>
    private static List<string> ReleaseRuntimeIdentifiers()
    {
        var script = File.ReadAllLines(ReleaseScripts.Path("publish-all.sh"));
        var line = Assert.Single(script, line => line.StartsWith("all_rids=(", StringComparison.Ordinal));
        return [.. line["all_rids=(".Length..].TrimEnd(')').Split(' ')];
    }

    private static void AssertConverts(IsolatedEnvironment environment, string tool)
    {
        var run = environment.Run(tool, ["--no-populate"], Input).EnsureSuccess();
        AssertRendersWithoutTheValue(run.Output);
        Assert.False(File.Exists(environment.FileStorePath));
    }

    private static void AssertRendersWithoutTheValue(string output)
    {
        var rendered = RenderedManifests.Parse(output);
        rendered.Single("ExternalSecret", "tool");
        rendered.AssertHoldsNoValue("e2e-tool-value-6a0");
    }
}
