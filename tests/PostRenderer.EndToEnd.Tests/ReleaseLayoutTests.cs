using System.Text.RegularExpressions;
using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>install.sh downloads what release.yml uploads: the file names and the platforms must agree.</summary>
[Trait("Speed", "Slow")]
public sealed partial class ReleaseLayoutTests
{
    private static string Workflow => File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));

    private static string InstallScript => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "install.sh"));

    [Fact]
    public void Every_platform_install_sh_detects_is_built_by_the_release()
    {
        var built = MatrixEntry().Matches(Workflow).Select(match => $"{match.Groups[1].Value}-{match.Groups[2].Value}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64", "windows-arm64"], built);
        foreach (var platform in built)
        {
            Assert.Contains(platform + ")", InstallScript, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("secret-postrenderer-$platform.tar.gz", "secret-postrenderer-$os-$arch.tar.gz")]
    [InlineData("secret-postrenderer-$platform.zip", "secret-postrenderer-$os-$arch.zip")]
    [InlineData("secret-postrenderer-$version.tgz", "secret-postrenderer-VERSION.tgz")]
    [InlineData("checksums.txt", "checksums.txt")]
    public void Release_file_names_match_what_install_sh_downloads(string uploaded, string downloaded)
    {
        // The workflow's files are laid out by assemble-release.sh (archives, checksums.txt) and package-helm-plugin.sh.
        var layout = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "tools", "assemble-release.sh"));
        Assert.Contains(uploaded.Replace("$version", "VERSION", StringComparison.Ordinal), layout, StringComparison.Ordinal);
        Assert.Contains(downloaded, InstallScript, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_platform_builds_on_a_runner_of_its_own_OS_and_one_failure_cancels_nothing()
    {
        Assert.Contains("fail-fast: false", Workflow, StringComparison.Ordinal);
        var runners = MatrixEntry().Matches(Workflow).ToDictionary(match => match.Groups[1].Value + "-" + match.Groups[2].Value, match => match.Groups[3].Value);
        Assert.All(runners, entry => Assert.StartsWith(
            entry.Key.Split('-')[0] switch { "linux" => "ubuntu-", "darwin" => "macos-", _ => "windows-" }, entry.Value, StringComparison.Ordinal));
        Assert.Contains("tests/tools/publish-all.sh --strict", Workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_action_is_pinned_by_commit_and_every_job_names_its_permissions()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, ".github", "workflows"), "*.yml").Append(Path.Combine(RepositoryPaths.Root, "action.yml")))
        {
            var text = File.ReadAllText(file);
            foreach (Match use in UsesLine().Matches(text))
            {
                Assert.Matches("@[0-9a-f]{40} # v", use.Value);
            }
        }

        Assert.Contains("permissions: {}", Workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("write-all", Workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_packages_are_packed_with_the_tested_script_each_platforms_on_its_own_runner()
    {
        // DotnetToolTests installs and runs what PackedToolPackage packs with this script.
        Assert.Contains(PackedToolPackage.PackScript + " --version \"${GITHUB_REF_NAME#v}\" --out dist pointer any linux-musl-x64 linux-musl-arm64", Workflow, StringComparison.Ordinal);
        Assert.Contains(PackedToolPackage.PackScript + " --version \"${GITHUB_REF_NAME#v}\" --out tool \"$RID\"", Workflow, StringComparison.Ordinal);
        Assert.Contains("name: tool-${{ matrix.os }}-${{ matrix.arch }}", Workflow, StringComparison.Ordinal);
        Assert.Contains("tool-$platform", File.ReadAllText(ReleaseScripts.Path("assemble-release.sh")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{ os: (\w+), arch: (\w+), rid: [\w-]+, runner: ([\w.-]+) \}")]
    private static partial Regex MatrixEntry();

    [GeneratedRegex(@"(?m)^[ \t]*(?:- )?uses:[ \t]*\S+.*$")]
    private static partial Regex UsesLine();
}
