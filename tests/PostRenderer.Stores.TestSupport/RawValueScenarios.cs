using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Issue 19 item 1, the same for every store that holds raw values: a key without a property has an entry whose whole
/// content is its value, as ESO reads it without <c>remoteRef.property</c>; created when missing, left alone when
/// present (whatever it looks like) unless --overwrite-existing, and written only while the entry is still as read,
/// so another writer's value wins. Each store's test project derives one class from this, naming its adapter, and
/// adds the tests only that store has; xunit runs these scenarios under that class's name.
/// </summary>
public abstract class RawValueScenarios<TStore> : StoreTests<TStore>
    where TStore : IRawValueStore, new()
{
    private string Entry => Target.Entry;

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    [InlineData("ünïcødé")]
    public async Task A_missing_entry_is_created_holding_the_value_as_it_is(string value)
    {
        using var store = Target.CreateStore();

        var outcome = await PopulateAsync(store, Entry, value);

        Assert.True(outcome.Created);
        Assert.Equal(value, Target.Current(Entry));
        Assert.Equal(1, Target.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated")]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present)
    {
        Target.Seed(Entry, present);
        using var store = Target.CreateStore();

        var outcome = await PopulateAsync(store, Entry, "from-chart");

        Assert.Equal([Key], outcome.AlreadyPresent);
        Assert.Equal(present, Target.Current(Entry));
        Assert.Equal(1, Target.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing()
    {
        Target.Seed(Entry, "old");
        using var store = Target.CreateStore();

        var outcome = await PopulateAsync(store, Entry, "new", overwrite: true);

        Assert.Equal([Key], outcome.Replaced);
        Assert.Equal("new", Target.Current(Entry));
        Assert.Equal(2, Target.VersionCount(Entry));
    }

    [Fact]
    public async Task A_version_stored_since_the_read_stops_the_write()
    {
        Target.Seed(Entry, "old");
        using var store = Target.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Target.Seed(Entry, "rotated");

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Target.Current(Entry));
    }

    [Fact]
    public async Task An_entry_created_by_another_writer_meanwhile_wins()
    {
        using var store = Target.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Target.Seed(Entry, "theirs");

        Assert.False(await plain.TryWritePlainAsync(Entry, "mine", read, default));
        Assert.Equal([Key], (await PopulateAsync(store, Entry, "mine")).AlreadyPresent);
        Assert.Equal("theirs", Target.Current(Entry));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_value_lands_once()
    {
        using var store = Target.CreateStore();
        Target.FailNextRequests(2);

        Assert.True((await PopulateAsync(store, Entry, "s3cr3t")).Created);
        Assert.Equal("s3cr3t", Target.Current(Entry));
        Assert.Equal(1, Target.VersionCount(Entry));
    }

    [Fact]
    public async Task A_value_over_the_limit_is_refused_before_anything_is_written()
    {
        var (value, refusal) = Target.OverLimit;
        using var store = Target.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, Entry, value));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Target.WriteRequests);
        Assert.Equal(0, Target.VersionCount(Entry));
    }

    [Fact]
    public async Task A_JSON_entry_holding_a_raw_value_is_an_error_not_overwritten()
    {
        Target.Seed(Entry, "raw");
        using var store = Target.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsJsonAsync(store, Entry, "v", overwrite: true));

        Assert.DoesNotContain("raw\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("raw", Target.Current(Entry));
        Assert.Equal(1, Target.VersionCount(Entry));
    }
}
