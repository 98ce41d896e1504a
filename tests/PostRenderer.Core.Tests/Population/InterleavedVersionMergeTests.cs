using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

/// <summary>The merge rule of the stores without compare-and-set (Azure, GCP, Alibaba), on its own.</summary>
public sealed class InterleavedVersionMergeTests
{
    private static readonly StoreEntry Read = new(new Dictionary<string, string> { ["password"] = "old", ["user"] = "app" }, "1");

    [Fact]
    public void Keys_this_write_sets_stay_ours_and_other_writers_changes_win_elsewhere()
    {
        var merge = new InterleavedVersionMerge(new Dictionary<string, string> { ["password"] = "old", ["user"] = "app", ["token"] = "mine" }, Read);

        Assert.True(merge.FoldIn(new Dictionary<string, string> { ["password"] = "rotated", ["user"] = "app", ["token"] = "theirs", ["extra"] = "x" }));

        Assert.Equal(new Dictionary<string, string> { ["password"] = "rotated", ["user"] = "app", ["token"] = "mine", ["extra"] = "x" }, merge.Content);
        Assert.False(merge.FoldIn(new Dictionary<string, string> { ["password"] = "rotated", ["extra"] = "x" }));
    }

    [Fact]
    public void A_value_carried_over_from_the_version_read_does_not_undo_a_rotation()
    {
        // F rotates the password (version 2); V read version 1 before that and stores after it (version 3), still
        // holding the old password. Folded in order, V's stale copy must not put it back.
        var merge = new InterleavedVersionMerge(new Dictionary<string, string> { ["password"] = "old", ["user"] = "app", ["w"] = "1" }, Read);

        merge.FoldIn(new Dictionary<string, string> { ["password"] = "rotated", ["user"] = "app" });
        merge.FoldIn(new Dictionary<string, string> { ["password"] = "old", ["user"] = "app", ["v"] = "1" });

        Assert.Equal(new Dictionary<string, string> { ["password"] = "rotated", ["user"] = "app", ["w"] = "1", ["v"] = "1" }, merge.Content);
    }

    [Fact]
    public void Without_a_version_read_every_other_writers_value_wins_but_ours()
    {
        var merge = new InterleavedVersionMerge(new Dictionary<string, string> { ["password"] = "mine" }, expected: null);

        merge.FoldIn(new Dictionary<string, string> { ["password"] = "theirs", ["user"] = "app" });

        Assert.Equal(new Dictionary<string, string> { ["password"] = "mine", ["user"] = "app" }, merge.Content);
    }
}
