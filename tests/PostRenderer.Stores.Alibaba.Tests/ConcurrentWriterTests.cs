using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Writers that all passed the "ACSCurrent is still the version read" check before any of them wrote, their puts let
/// through in a chosen order by the fake: every writer's keys must end up in the current version.
/// </summary>
public sealed class ConcurrentWriterTests : AgainstAlibaba
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_version_two_back_before_anyone_looks_is_still_merged()
    {
        // V, W and Z read B and pass the check. V writes (current V, previous B) and finds nothing to merge. W writes
        // (current W, previous V), and before W looks, Z writes (current Z, previous W): V is two versions back.
        Fake.Seed("shared", """{"seed":"s"}""");
        var writers = new[] { "V", "W", "Z" }.ToDictionary(name => name, Writer);
        var reads = new Dictionary<string, StoreEntry>();
        foreach (var (name, writer) in writers)
        {
            reads[name] = (await writer.Store.ReadAsync("shared", default))!;
        }

        var wFirst = 1;
        foreach (var writer in writers.Values)
        {
            writer.RepairsReleased.TrySetResult();
        }

        Fake.BeforePutAsync = async signer => await Of(writers, signer).HoldAsync();
        Fake.AfterPutAsync = async signer =>
        {
            var writer = Of(writers, signer);
            writer.Applied.TrySetResult();
            if (writer == writers["W"] && Interlocked.Exchange(ref wFirst, 0) == 1)
            {
                writers["Z"].Released.TrySetResult();
                await writers["Z"].Applied.Task.WaitAsync(Patience);
            }
        };

        var writes = writers.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Store.TryWriteAsync("shared", new Dictionary<string, string>(reads[pair.Key].Properties) { [pair.Key.ToLowerInvariant()] = "by-" + pair.Key }, reads[pair.Key], default));
        await Task.WhenAll(writers.Values.Select(writer => writer.Arrived.Task)).WaitAsync(Patience);
        writers["V"].Released.TrySetResult();
        Assert.True(await writes["V"].WaitAsync(Patience));
        writers["W"].Released.TrySetResult();

        var written = await Task.WhenAll(writes.Values).WaitAsync(Patience);

        Assert.Equal([true, true, true], written);
        Assert.Equal(
            new Dictionary<string, string> { ["seed"] = "s", ["v"] = "by-V", ["w"] = "by-W", ["z"] = "by-Z" },
            Fake.CurrentProperties("shared"));
    }

    [Fact]
    public async Task A_value_carried_over_from_the_version_read_does_not_undo_a_rotation()
    {
        // V and W read and pass the check; F rotates "password"; V writes after F, still carrying the old password.
        // W then merges F's version and V's, oldest first: V's copy of what it read must not undo F's rotation.
        Fake.Seed("db", """{"password":"old"}""");
        var writers = new[] { "V", "W" }.ToDictionary(name => name, Writer);
        var readV = (await writers["V"].Store.ReadAsync("db", default))!;
        var readW = (await writers["W"].Store.ReadAsync("db", default))!;
        Fake.BeforePutAsync = async signer => await Of(writers, signer).HoldAsync();
        Fake.AfterPutAsync = signer =>
        {
            Of(writers, signer).Applied.TrySetResult();
            return Task.CompletedTask;
        };

        var writeV = writers["V"].Store.TryWriteAsync("db", new Dictionary<string, string> { ["password"] = "old", ["v"] = "1" }, readV, default);
        var writeW = writers["W"].Store.TryWriteAsync("db", new Dictionary<string, string> { ["password"] = "old", ["w"] = "1" }, readW, default);
        await Task.WhenAll(writers.Values.Select(writer => writer.Arrived.Task)).WaitAsync(Patience);
        Fake.Seed("db", """{"password":"rotated"}""");
        writers["V"].Released.TrySetResult();
        await writers["V"].Applied.Task.WaitAsync(Patience);
        writers["W"].Released.TrySetResult();
        writers["W"].RepairsReleased.TrySetResult();
        Assert.True(await writeW.WaitAsync(Patience));
        writers["V"].RepairsReleased.TrySetResult();

        Assert.True(await writeV.WaitAsync(Patience));
        Assert.Equal(new Dictionary<string, string> { ["password"] = "rotated", ["v"] = "1", ["w"] = "1" }, Fake.CurrentProperties("db"));
    }

    [Fact]
    public async Task A_version_past_the_first_page_of_the_listing_is_merged_too()
    {
        // 25 versions up to the basis: V's version is the 26th, on the listing's second page (20 a page).
        Fake.MaxVersions = 100;
        for (var i = 0; i < 25; i++)
        {
            Fake.Seed("db", """{"user":"app"}""");
        }

        var writers = new[] { "V", "W" }.ToDictionary(name => name, Writer);
        var readV = (await writers["V"].Store.ReadAsync("db", default))!;
        var readW = (await writers["W"].Store.ReadAsync("db", default))!;
        foreach (var writer in writers.Values)
        {
            writer.RepairsReleased.TrySetResult();
        }

        Fake.BeforePutAsync = async signer => await Of(writers, signer).HoldAsync();
        var writeV = writers["V"].Store.TryWriteAsync("db", new Dictionary<string, string> { ["user"] = "app", ["v"] = "1" }, readV, default);
        var writeW = writers["W"].Store.TryWriteAsync("db", new Dictionary<string, string> { ["user"] = "app", ["w"] = "1" }, readW, default);
        await Task.WhenAll(writers.Values.Select(writer => writer.Arrived.Task)).WaitAsync(Patience);
        writers["V"].Released.TrySetResult();
        Assert.True(await writeV.WaitAsync(Patience));
        writers["W"].Released.TrySetResult();

        Assert.True(await writeW.WaitAsync(Patience));
        Assert.Equal(new Dictionary<string, string> { ["user"] = "app", ["v"] = "1", ["w"] = "1" }, Fake.CurrentProperties("db"));
        Assert.Equal(28, Fake.VersionCount("db"));
    }

    [Fact]
    public async Task A_version_dropped_between_the_listing_and_its_read_is_skipped_and_the_others_still_merged()
    {
        // V reads B; before V's put lands, X and then Z store versions. V's repair lists B, X, Z and V's own; before
        // it reads them, KMS drops X (past the version limit, X has no stage left). X holds nothing left to keep, Z
        // (which carried X's key) is still merged, and the write completes.
        Fake.Seed("db", """{"seed":"s"}""");
        var store = Harness.CreateStore();
        var read = (await store.ReadAsync("db", default))!;
        string? dropped = null;
        Fake.BeforePut = name =>
        {
            Fake.BeforePut = null;
            dropped = Fake.Seed(name, """{"seed":"s","x":"1"}""");
            Fake.Seed(name, """{"seed":"s","x":"1","z":"1"}""");
        };
        var lists = 0;
        Fake.AfterList = name =>
        {
            // The first listing settles what predates the basis; the second is the repair's.
            if (++lists == 2)
            {
                Fake.DropVersion(name, dropped!);
            }
        };

        var written = await store.TryWriteAsync("db", new Dictionary<string, string> { ["seed"] = "s", ["v"] = "1" }, read, default).WaitAsync(Patience);

        Assert.True(written);
        Assert.Equal(new Dictionary<string, string> { ["seed"] = "s", ["v"] = "1", ["x"] = "1", ["z"] = "1" }, Fake.CurrentProperties("db"));
        Assert.True(lists >= 3, $"listed {lists} times: the repair's write was not checked again");
    }

    private static HeldWriter Of(Dictionary<string, HeldWriter> writers, string signer) =>
        writers.Values.Single(writer => writer.AccessKeyId == signer);

    private HeldWriter Writer(string name)
    {
        var id = "LTAI5tWriter" + name;
        Fake.AddAccessKey(id, "secret-of-writer-" + name);
        var environment = new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = id,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "secret-of-writer-" + name,
        };
        return new HeldWriter(id, Harness.CreateStore(environment: environment));
    }

    /// <summary>
    /// One writer's store, and the gates the fake holds its puts at: its first put until <see cref="Released"/>, the
    /// puts that repair it until <see cref="RepairsReleased"/>.
    /// </summary>
    private sealed class HeldWriter(string accessKeyId, ISecretStore store)
    {
        private int puts;

        public string AccessKeyId => accessKeyId;

        public ISecretStore Store => store;

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource RepairsReleased { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HoldAsync()
        {
            if (Interlocked.Increment(ref puts) > 1)
            {
                return RepairsReleased.Task.WaitAsync(Patience);
            }

            Arrived.TrySetResult();
            return Released.Task.WaitAsync(Patience);
        }
    }
}
