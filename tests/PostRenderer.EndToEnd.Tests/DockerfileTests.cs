using System.Text.RegularExpressions;
using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// No Docker engine runs here, so the image is checked by reading the Dockerfile: it builds with the README's
/// publish command for the target's CPU, copies only files that exist, carries OCI labels, and runs the binary as a
/// non-root user.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class DockerfileTests
{
    private const string ReadmePublishCommand = "dotnet publish src/PostRenderer.Cli -c Release -o out";

    private static string Dockerfile => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    [Fact]
    public void The_build_stage_runs_the_README_publish_command_for_the_target_CPU()
    {
        // NativeAOT does not cross-compile with the SDK image alone: the SDK stage runs on the image's own CPU (emulated
        // where it must be), so arm64 images hold arm64 binaries, and it has clang to link them.
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("$BUILDPLATFORM", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"apt-get install -y --no-install-recommends clang\b", Dockerfile);
        Assert.Contains("ARG TARGETARCH", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;;", Dockerfile, StringComparison.Ordinal);
        Assert.Contains(ReadmePublishCommand.Replace("-c Release -o out", "-c Release -r \"$rid\" -o out", StringComparison.Ordinal), Dockerfile, StringComparison.Ordinal);
        var readme = Path.Combine(RepositoryPaths.Root, "README.md");
        if (File.Exists(readme))
        {
            Assert.Contains(ReadmePublishCommand, File.ReadAllText(readme), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_image_carries_OCI_labels_with_the_license_and_the_release_version()
    {
        var finalStage = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];

        foreach (var label in new[] { "title", "description", "licenses=\"Apache-2.0\"", "source", "version=\"$VERSION\"", "revision=\"$REVISION\"" })
        {
            Assert.Contains("org.opencontainers.image." + label, finalStage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_COPY_source_from_the_build_context_exists()
    {
        var copies = CopyInstruction().Matches(Dockerfile).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(copies);

        foreach (var sources in copies)
        {
            var words = sources.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // The last word is the destination; COPY --from=stage copies from another stage, not the checkout.
            foreach (var source in words[..^1])
            {
                var path = Path.Combine(RepositoryPaths.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY source {source} is not in the checkout");
            }
        }
    }

    [Fact]
    public void The_runtime_image_is_small_and_non_root_and_reads_stdin_through_the_binary()
    {
        var finalStage = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];

        Assert.Contains("runtime-deps", finalStage, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER\s+(?!root\b|0\b)\S+", finalStage);
        Assert.Matches(@"(?m)^ENTRYPOINT\s+\[""/usr/local/bin/secret-postrenderer""\]", finalStage);
        Assert.Contains("COPY --from=build /src/out/secret-postrenderer", finalStage, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^COPY\s+(?!--from)(.+)$")]
    private static partial Regex CopyInstruction();
}
