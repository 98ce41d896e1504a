using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Issue 18 item 12, the same for every store with a size limit: an entry whose JSON is over the store's limit is
/// refused before any request, naming the entry, its size and the limit (a store that would take a create and then
/// refuse the value would leave an empty entry behind); one exactly at the limit is written. Each store's test project
/// derives one class from this, naming its adapter and saying how the store measures.
/// </summary>
public abstract class SizeLimitScenarios<TStore> : StoreTests<TStore>
    where TStore : ISizeLimitedStore, new()
{
    [Fact]
    public async Task An_entry_over_the_limit_is_refused_before_any_request()
    {
        var (properties, size, limit) = Target.JsonOverLimit;
        using var store = Target.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync(Target.Entry, properties, null, default));

        Assert.Equal(Target.Entry, error.Entry);
        Assert.Contains(size, error.Message, StringComparison.Ordinal);
        Assert.Contains($"limit of {limit}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Target.ApiRequests);
        Assert.Equal(0, Target.VersionCount(Target.Entry));
    }

    [Fact]
    public async Task An_entry_exactly_at_the_limit_is_written()
    {
        var (properties, storedLength) = Target.JsonAtLimit;
        using var store = Target.CreateStore();

        Assert.True(await store.TryWriteAsync(Target.Entry, properties, null, default));

        Assert.Equal(storedLength, Target.Current(Target.Entry)!.Length);
        Assert.Equal(1, Target.VersionCount(Target.Entry));
    }
}
