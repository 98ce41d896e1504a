using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 18 item 6 for Azure: a rotation that lands between the tool's version check and its write must not be undone.
/// The write lists versions before and after setting; a version in neither list nor ours is folded in (for every key
/// this run did not add, its value wins) and the merge written again.
/// </summary>
public sealed class ConcurrentRotationTests : ConcurrentRotationScenarios<AzureUnderTest>
{
    private FakeKeyVault Vault => Target.Vault;

    [Fact]
    public async Task The_populator_with_versions_spread_over_pages_keeps_a_rotation_and_adds_its_key()
    {
        using var store = Target.CreateStore();
        Vault.VersionPageSize = 2;
        for (var i = 0; i < 4; i++)
        {
            Vault.Seed(Entry, $$"""{"password":"old{{i}}"}""");
        }

        RotateOnce("""{"password":"rotated"}""");

        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest(Entry, Properties(("password", "from-chart"), ("url", "postgres://db")), "document 1"), default);

        Assert.Equal(["url"], outcome.Added);
        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db")), Current());
    }

    [Fact]
    public async Task A_write_with_no_other_writer_makes_one_version_and_needs_no_read_after()
    {
        using var store = Target.CreateStore();
        Vault.Seed(Entry, """{"user":"app"}""");
        var read = await store.ReadAsync(Entry, default);

        Assert.True(await store.TryWriteAsync(Entry, Properties(("user", "app"), ("url", "postgres://db")), read, default));

        Assert.Equal(2, Vault.VersionCount(Entry));
        Assert.True(store.HasCompareAndSet);
    }
}
