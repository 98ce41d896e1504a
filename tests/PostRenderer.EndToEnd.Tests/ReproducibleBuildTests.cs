using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// Two builds of one commit in different folders give byte-identical assemblies, with the release's settings
/// (ContinuousIntegrationBuild maps source paths to /_/; Deterministic; global.json picks the SDK). Each build is
/// of a fresh clone of the committed HEAD, as CI and the release check it out.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReproducibleBuildTests
{
    [Fact]
    public void Two_clones_in_different_folders_build_the_same_bytes()
    {
        using var environment = new IsolatedEnvironment().WithRealDotnetHome();
        // A private package cache is not needed (nothing is packed), but the build must not share obj/ with the checkout.
        var first = Build(environment, Path.Combine(environment.Root, "a"));
        var second = Build(environment, Path.Combine(environment.Root, "a-longer-folder-name", "b"));

        var assemblies = Directory.GetFiles(first, "PostRenderer.*.dll").Select(Path.GetFileName).Append("secret-postrenderer.dll").ToList();
        Assert.Contains("PostRenderer.Core.dll", assemblies);
        foreach (var name in assemblies)
        {
            var left = File.ReadAllBytes(Path.Combine(first, name!));
            var right = File.ReadAllBytes(Path.Combine(second, name!));
            Assert.True(left.AsSpan().SequenceEqual(right), $"{name} differs between the two builds");
        }
    }

    private static string Build(IsolatedEnvironment environment, string clone)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(clone)!);
        environment.Run("git", "clone", "--quiet", "--no-hardlinks", RepositoryPaths.Root, clone).EnsureSuccess();
        environment.Run("dotnet", ["build", "src/PostRenderer.Cli", "-c", "Release", "-p:ContinuousIntegrationBuild=true", "-nologo", "-v", "quiet"], workingDirectory: clone)
            .EnsureSuccess();
        return Path.Combine(clone, "src", "PostRenderer.Cli", "bin", "Release", "net10.0");
    }
}
