using System.Text.RegularExpressions;
using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>`secret-postrenderer version` and `--version` on the published binary: version, commit, build kind.</summary>
[Trait("Speed", "Slow")]
public sealed partial class VersionCommandTests
{
    [Fact]
    public void Version_and_the_version_option_print_one_line_with_version_commit_and_build_kind()
    {
        using var environment = new IsolatedEnvironment();

        var command = environment.Run(PublishedBinary.Path, "version").EnsureSuccess().Output;
        var option = environment.Run(PublishedBinary.Path, "--version").EnsureSuccess().Output;

        Assert.Equal(command, option);
        var match = VersionLine().Match(command);
        Assert.True(match.Success, "unexpected version line: " + command);
        // The commit the SDK read from git: this checkout's.
        var head = environment.Run("git", "rev-parse", "HEAD").EnsureSuccess().Output.Trim();
        Assert.StartsWith(match.Groups["commit"].Value, head, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^secret-postrenderer (?<version>\d+\.\d+\.\d+\S*) \(commit (?<commit>[0-9a-f]{12}), native-aot, linux-(x64|arm64)\)\n$")]
    private static partial Regex VersionLine();
}
