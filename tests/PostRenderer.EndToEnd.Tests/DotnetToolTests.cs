using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>The dotnet tool package release.yml publishes: installs with `dotnet tool install`, converts, runs anywhere.</summary>
[Trait("Speed", "Slow")]
public sealed class DotnetToolTests(PackedToolPackage package) : IClassFixture<PackedToolPackage>
{
    [Fact]
    public void The_tool_installs_and_converts_with_the_published_version()
    {
        using var environment = new IsolatedEnvironment().WithRealDotnetHome();
        var tools = environment.Subdirectory("tools");
        // A private package cache: the global one would keep serving an older build of the same version.
        environment.Set("NUGET_PACKAGES", environment.Subdirectory("nuget-packages-for-tool"));

        environment.Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", package.Directory, "--version", package.Version, "secret-postrenderer")
            .EnsureSuccess();

        var tool = Path.Combine(tools, "secret-postrenderer");
        Assert.Equal(DeveloperTools.VersionOf(environment, PublishedBinary.Path), DeveloperTools.VersionOf(environment, tool));
        var run = environment.Run(tool, ["--no-populate"], "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tool\nstringData:\n  key: e2e-tool-value-6a0\n").EnsureSuccess();
        var rendered = RenderedManifests.Parse(run.Output);
        rendered.Single("ExternalSecret", "tool");
        rendered.AssertHoldsNoValue("e2e-tool-value-6a0");
        Assert.False(File.Exists(environment.FileStorePath));
    }

    [Fact]
    public void The_tool_package_is_platform_agnostic_so_it_installs_on_macOS_and_Windows_too()
    {
        // With RuntimeIdentifiers set, .NET 10 packs a pointer package plus one package per listed RID
        // (linux-x64 only here): `dotnet tool install` then fails on every other platform.
        Assert.True(
            package.Packages.Count == 1,
            "expected one framework-dependent tool package, got: " + string.Join(", ", package.Packages) +
            ". Keep RuntimeIdentifiers out of tool packing: <RuntimeIdentifiers Condition=\"'$(PackAsTool)' != 'true'\">linux-x64</RuntimeIdentifiers>");
        Assert.Contains(package.MainPackageEntries, entry => entry.StartsWith("tools/net10.0/any/", StringComparison.Ordinal));
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
}
