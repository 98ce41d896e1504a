using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Tests.Architecture;

/// <summary>
/// Core's public surface is what the CLI and the store projects use, nothing more, and every change to it is
/// deliberate: it must equal the checked-in list. After a change you mean, run the tests with
/// UPDATE_PUBLIC_API=1 to rewrite the list, and review its diff.
/// </summary>
public sealed class PublicApiTests
{
    private static string Snapshot => Path.Combine(RepositoryPaths.Root, "tests", "PostRenderer.Core.Tests", "Architecture", "PublicApi.Core.txt");

    [Fact]
    public void Core_public_surface_matches_the_checked_in_list()
    {
        var actual = PublicSurface.Of(typeof(Settings).Assembly);
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllLines(Snapshot, actual);
        }

        var expected = File.ReadAllLines(Snapshot);
        var added = actual.Except(expected, StringComparer.Ordinal).Select(line => "+ " + line);
        var removed = expected.Except(actual, StringComparer.Ordinal).Select(line => "- " + line);
        var changes = added.Concat(removed).ToList();
        Assert.True(
            changes.Count == 0,
            $"Core's public surface changed ({changes.Count} lines). If you meant it, run with UPDATE_PUBLIC_API=1 and review {Path.GetRelativePath(RepositoryPaths.Root, Snapshot)}:\n" + string.Join("\n", changes));
    }

    [Fact]
    public void The_surface_lists_types_and_members_and_leaves_internal_ones_out()
    {
        var lines = PublicSurface.Of(typeof(Settings).Assembly);
        Assert.Contains("PostRenderer.Core.Configuration.Settings: sealed record", lines);
        Assert.Contains(lines, line => line.StartsWith("PostRenderer.Core.Population.ISecretStore: abstract TryWriteAsync(", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("PostRenderer.Core.Yaml.DocumentSplitter", StringComparison.Ordinal));
    }
}
