using System.Text.Json;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.StoreTestDefaults;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Issue 18 item 6, the same for every store that merges instead of refusing: a rotation that lands between the
/// tool's re-check and its write must not be undone. For every key this run did not add, the newest value in the store
/// wins and the tool writes again with it; a key this run replaces (--overwrite-existing) stays ours. Each store's
/// test project derives one class from this, naming its adapter, and adds the tests only that store has.
/// </summary>
public abstract class ConcurrentRotationScenarios<TStore> : StoreTests<TStore>
    where TStore : IRotationStore, new()
{
    protected string Entry => Target.Entry;

    [Fact]
    public async Task A_password_rotated_between_the_check_and_the_write_is_kept_and_our_key_added()
    {
        using var store = Target.CreateStore();
        Target.Seed(Entry, """{"password":"old","user":"app"}""");
        var read = await store.ReadAsync(Entry, default);
        RotateOnce("""{"password":"rotated","user":"app"}""");

        Assert.True(await store.TryWriteAsync(Entry, Properties(("password", "old"), ("user", "app"), ("url", "postgres://db")), read, default));

        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Current());
        Assert.Equal(4, Target.VersionCount(Entry)); // the original, the rotation, ours, ours again on top of it
    }

    [Fact]
    public async Task A_key_this_run_replaces_stays_ours()
    {
        using var store = Target.CreateStore();
        Target.Seed(Entry, """{"password":"old"}""");
        var read = await store.ReadAsync(Entry, default);
        RotateOnce("""{"password":"rotated","extra":"theirs"}""");

        Assert.True(await store.TryWriteAsync(Entry, Properties(("password", "from-chart")), read, default));

        Assert.Equal(Properties(("extra", "theirs"), ("password", "from-chart")), Current());
    }

    /// <summary>Another writer stores <paramref name="content"/> just before the fake applies the next write.</summary>
    protected void RotateOnce(string content)
    {
        var rotated = 0;
        Target.BeforeWrite = name =>
        {
            if (Interlocked.Exchange(ref rotated, 1) == 0)
            {
                Target.Seed(name, content);
            }
        };
    }

    /// <summary>The entry's current properties as the fake holds them.</summary>
    protected Dictionary<string, string> Current() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Target.Current(Entry)!)!;
}
