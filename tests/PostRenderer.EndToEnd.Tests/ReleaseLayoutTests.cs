using System.Text.RegularExpressions;
using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>install.sh downloads what release.yml uploads: the file names and the platforms must agree.</summary>
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
    [InlineData("secret-postrenderer-${{ matrix.os }}-${{ matrix.arch }}.tar.gz", "secret-postrenderer-$os-$arch.tar.gz")]
    [InlineData("secret-postrenderer-${{ matrix.os }}-${{ matrix.arch }}.zip", "secret-postrenderer-$os-$arch.zip")]
    [InlineData("secret-postrenderer-helm-plugin.tar.gz", "secret-postrenderer-helm-plugin.tar.gz")]
    [InlineData("checksums.txt", "checksums.txt")]
    public void Release_file_names_match_what_install_sh_downloads(string uploaded, string downloaded)
    {
        Assert.Contains(uploaded, Workflow, StringComparison.Ordinal);
        Assert.Contains(downloaded, InstallScript, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_package_is_packed_with_the_tested_command()
    {
        Assert.Contains("dotnet pack src/PostRenderer.Cli -c Release -p:PackAsTool=true -p:ToolCommandName=secret-postrenderer", Workflow, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{ os: (\w+), arch: (\w+), rid: [\w-]+ \}")]
    private static partial Regex MatrixEntry();
}
