namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Concurrent renders writing one entry through the populator's read-merge-write loop. Key Vault has no
/// compare-and-set, so each write lists the versions after setting and merges in any another writer added meanwhile.
/// </summary>
public sealed class ConcurrentWriterTests : KeyVaultTestbed
{
    [Fact]
    public async Task Two_writers_whose_writes_both_pass_the_version_check_lose_nothing()
    {
        // Worst case: both read "absent", both pass the pre-write check, then both sets land, the second
        // replacing the first. Each sees the other's version in its list after setting and writes the merge.
        using var first = CreateStore();
        using var second = CreateStore();
        await first.ReadAsync("warm-up", CancellationToken.None);
        await second.ReadAsync("warm-up", CancellationToken.None);
        Vault.HoldWrites(2);

        await Task.WhenAll(
            Task.Run(() => EntryPopulation.AddMissingAsync(first, "default-app", Properties(("a1", "1"), ("a2", "2")))),
            Task.Run(() => EntryPopulation.AddMissingAsync(second, "default-app", Properties(("b1", "1"), ("b2", "2")))));

        var final = await first.ReadAsync("default-app", CancellationToken.None);
        Assert.Equal(Properties(("a1", "1"), ("a2", "2"), ("b1", "1"), ("b2", "2")), final!.Properties);
        Assert.InRange(Vault.VersionCount("default-app"), 3, 4); // each first write, and one or both merges on top
    }

    [Fact]
    public async Task A_writer_that_read_before_another_wrote_is_told_to_merge_again()
    {
        using var first = CreateStore();
        using var second = CreateStore();
        Vault.Seed("default-app", """{"shared":"x"}""");
        var firstRead = await first.ReadAsync("default-app", CancellationToken.None);

        await EntryPopulation.AddMissingAsync(second, "default-app", Properties(("b1", "1")));
        var merged = new Dictionary<string, string>(firstRead!.Properties) { ["a1"] = "1" };
        Assert.False(await first.TryWriteAsync("default-app", merged, firstRead, CancellationToken.None));
        await EntryPopulation.AddMissingAsync(first, "default-app", Properties(("a1", "1")));

        var final = await first.ReadAsync("default-app", CancellationToken.None);
        Assert.Equal(Properties(("shared", "x"), ("b1", "1"), ("a1", "1")), final!.Properties);
    }
}
