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
        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0\n", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM ${SDK_IMAGE} AS build", Dockerfile, StringComparison.Ordinal);
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

        Assert.StartsWith("FROM ${RUNTIME_DEPS_IMAGE}\n", finalStage, StringComparison.Ordinal);
        Assert.Contains("ARG RUNTIME_DEPS_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0\n", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER\s+(?!root\b|0\b)\S+", finalStage);
        Assert.Matches(@"(?m)^ENTRYPOINT\s+\[""/usr/local/bin/secret-postrenderer""\]", finalStage);
        Assert.Contains("COPY --from=build /src/out/secret-postrenderer", finalStage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_base_image_is_an_argument_the_release_pins_by_digest()
    {
        // No FROM names an image itself: each names an ARG *_IMAGE, which release.yml sets from pin-base-images.sh.
        var froms = FromInstruction().Matches(Dockerfile).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(["SDK_IMAGE", "RUNTIME_DEPS_IMAGE"], froms);
        var workflow = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));
        Assert.Contains("tests/tools/pin-base-images.sh | tee -a \"$GITHUB_OUTPUT\"", workflow, StringComparison.Ordinal);
        foreach (var name in froms)
        {
            Assert.Contains($"{name}=${{{{ steps.bases.outputs.{name} }}}}", workflow, StringComparison.Ordinal);
        }

        Assert.Contains("org.opencontainers.image.base.name=\"$RUNTIME_DEPS_IMAGE\"", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pin_script_turns_each_tag_into_the_digest_the_registry_answers()
    {
        using var environment = new IsolatedEnvironment();
        var digest = "sha256:" + new string('a', 64);
        InstallFakeDocker(environment, $$"""{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{digest}}","size":1609}""");

        var pinned = environment.Run("bash", ReleaseScripts.Path("pin-base-images.sh")).EnsureSuccess().Output;

        Assert.Equal(
            $"SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0@{digest}\nRUNTIME_DEPS_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0@{digest}\n",
            pinned);
        // What the script asked: the index of each tag, through buildx.
        Assert.Equal(
            "buildx imagetools inspect mcr.microsoft.com/dotnet/sdk:10.0 --format {{json .Manifest}}\n" +
            "buildx imagetools inspect mcr.microsoft.com/dotnet/runtime-deps:10.0 --format {{json .Manifest}}\n",
            File.ReadAllText(Path.Combine(environment.Root, "docker-calls")));
    }

    [Theory]
    [InlineData("""{"mediaType":"application/vnd.oci.image.index.v1+json"}""")]
    [InlineData("""{"digest":"sha256:1234"}""")]
    [InlineData("not json")]
    public void The_pin_script_fails_rather_than_build_from_a_tag(string answer)
    {
        using var environment = new IsolatedEnvironment();
        InstallFakeDocker(environment, answer);

        var result = environment.Run("bash", ReleaseScripts.Path("pin-base-images.sh"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("@", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A `docker` first on PATH that records its arguments and prints ANSWER, as `buildx imagetools inspect
    /// --format '{{json .Manifest}}'` prints the index's descriptor: no registry is reachable here.
    /// </summary>
    private static void InstallFakeDocker(IsolatedEnvironment environment, string answer)
    {
        var bin = environment.Subdirectory("fake-bin");
        var answerFile = Path.Combine(environment.Root, "docker-answer");
        File.WriteAllText(answerFile, answer + "\n");
        var docker = Path.Combine(bin, "docker");
        File.WriteAllText(docker, $"#!/usr/bin/env bash\necho \"$*\" >>'{Path.Combine(environment.Root, "docker-calls")}'\ncat '{answerFile}'\n");
        File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        environment.PrependToPath(bin);
    }

    [GeneratedRegex(@"(?m)^FROM\s+\$\{(\w+)\}")]
    private static partial Regex FromInstruction();

    [GeneratedRegex(@"(?m)^COPY\s+(?!--from)(.+)$")]
    private static partial Regex CopyInstruction();
}
