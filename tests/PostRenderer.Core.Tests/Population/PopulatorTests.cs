using System.Globalization;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

public sealed class PopulatorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("populator-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private FileStore Store() => new(Path.Combine(directory, "store", "secrets.json"), TimeSpan.FromSeconds(10));

    private static EntryRequest Request(string entry, params (string Key, string Value)[] values) =>
        new(entry, values.ToDictionary(pair => pair.Key, pair => pair.Value), "test");

    [Fact]
    public async Task Creates_an_absent_entry_with_owner_only_permissions()
    {
        using var store = Store();
        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(Request("ns/db", ("user", "u"), ("pass", "p")), default);

        Assert.True(outcome.Created);
        Assert.Equal(["pass", "user"], outcome.Added);
        var entry = await store.ReadAsync("ns/db", default);
        Assert.Equal("p", entry!.Properties["pass"]);
        var path = Path.Combine(directory, "store", "secrets.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Adds_only_missing_keys_and_never_overwrites()
    {
        using var store = Store();
        var populator = new Populator(store, new PopulationSettings());
        await populator.PopulateAsync(Request("e", ("a", "first")), default);

        var outcome = await populator.PopulateAsync(Request("e", ("a", "rotated-by-chart"), ("b", "new")), default);

        Assert.False(outcome.Created);
        Assert.Equal(["b"], outcome.Added);
        Assert.Equal(["a"], outcome.AlreadyPresent);
        var entry = await store.ReadAsync("e", default);
        Assert.Equal("first", entry!.Properties["a"]);
        Assert.Equal("new", entry.Properties["b"]);
    }

    [Fact]
    public async Task Overwrite_existing_replaces_only_when_asked()
    {
        using var store = Store();
        await new Populator(store, new PopulationSettings()).PopulateAsync(Request("e", ("a", "old")), default);
        var outcome = await new Populator(store, new PopulationSettings { OverwriteExisting = true }).PopulateAsync(Request("e", ("a", "new")), default);
        Assert.Equal(["a"], outcome.Replaced);
        Assert.Equal("new", (await store.ReadAsync("e", default))!.Properties["a"]);
    }

    [Fact]
    public async Task Dry_run_reads_and_reports_but_writes_nothing()
    {
        using var store = Store();
        var outcome = await new Populator(store, new PopulationSettings { DryRun = true }).PopulateAsync(Request("e", ("a", "x")), default);
        Assert.True(outcome.Created);
        Assert.Equal(["a"], outcome.Added);
        Assert.Null(await store.ReadAsync("e", default));
        Assert.False(File.Exists(Path.Combine(directory, "store", "secrets.json")));
    }

    [Fact]
    public async Task Binary_values_are_stored_as_given_base64()
    {
        using var store = Store();
        var base64 = Convert.ToBase64String([0, 255, 128, 7]);
        await new Populator(store, new PopulationSettings()).PopulateAsync(Request("e", ("bin", base64)), default);
        Assert.Equal(base64, (await store.ReadAsync("e", default))!.Properties["bin"]);
    }

    [Fact]
    public async Task Racing_populators_on_one_entry_lose_nothing()
    {
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var store = Store();
            var keys = Enumerable.Range(0, 5).Select(k => ($"k{i}-{k}", $"v{i}-{k}")).Append(("shared", $"from-{i}")).ToArray();
            return await new Populator(store, new PopulationSettings()).PopulateAsync(Request("race", keys), default);
        })).ToList();
        await Task.WhenAll(tasks);

        using var check = Store();
        var entry = await check.ReadAsync("race", default);
        Assert.Equal(41, entry!.Properties.Count);
        Assert.Equal(1, tasks.Count(task => task.Result.Added.Contains("shared")));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal($"v{i}-4", entry.Properties[$"k{i}-4"]);
        }
    }

    [Fact]
    public async Task One_store_shared_by_many_concurrent_writers_loses_nothing()
    {
        // The population run shares one store between its concurrent requests (32 by default).
        using var store = Store();
        var populator = new Populator(store, new PopulationSettings());
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            await populator.PopulateAsync(Request($"own-{i}", ($"k{i}", $"v{i}")), default);
            await populator.PopulateAsync(Request("shared", ($"k{i}", $"v{i}")), default);
        })));

        using var check = Store();
        for (var i = 0; i < 32; i++)
        {
            Assert.Equal($"v{i}", (await check.ReadAsync($"own-{i}", default))!.Properties[$"k{i}"]);
        }

        Assert.Equal(32, (await check.ReadAsync("shared", default))!.Properties.Count);
    }

    [Fact]
    public async Task Requests_of_one_run_on_one_entry_take_turns_and_never_conflict()
    {
        // Several Secrets mapped to one entry: racing each other would spend the conflict retries on ourselves.
        var store = new OverlapCountingStore();
        var populator = new Populator(store, new PopulationSettings());
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => populator.PopulateAsync(Request("shared", ($"k{i}", $"v{i}")), default))));
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => populator.PopulateAsync(Request($"own-{i}", ($"k{i}", $"v{i}")), default))));

        Assert.Equal(1, store.MostAtOnce["shared"]);
        Assert.Equal(16, store.Content["shared"].Count);
        Assert.Equal(0, store.Conflicts);
        Assert.True(store.MostAtOnceOverall > 1, "requests on different entries still run concurrently");
    }

    [Fact]
    public async Task A_store_without_compare_and_set_is_verified_after_writing()
    {
        // Drops the first write silently, as a concurrent last-writer-wins store would.
        var store = new ForgetfulStore();
        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(Request("e", ("a", "1")), default);
        Assert.Equal(["a"], outcome.Added);
        Assert.Equal(2, store.Writes);
        Assert.Equal("1", store.Content!["a"]);
    }

    [Fact]
    public async Task Corrupt_store_content_is_a_clear_store_error_without_content()
    {
        var path = Path.Combine(directory, "store", "secrets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """{"e": ["secret-looking-content"]}""");
        using var store = Store();
        var error = await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings()).PopulateAsync(Request("e", ("a", "1")), default));
        Assert.Contains("file entry 'e'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not an object", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-content", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A compare-and-set store that records how many requests worked on one entry at the same time.</summary>
    private sealed class OverlapCountingStore : ISecretStore
    {
        private readonly Dictionary<string, int> active = [];
        private int activeOverall;

        public Dictionary<string, Dictionary<string, string>> Content { get; } = [];

        public Dictionary<string, int> MostAtOnce { get; } = [];

        public int MostAtOnceOverall { get; private set; }

        public int Conflicts { get; private set; }

        public string Name => "overlap-counting";

        public bool HasCompareAndSet => true;

        public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
        {
            lock (active)
            {
                active[entry] = active.GetValueOrDefault(entry) + 1;
                MostAtOnce[entry] = Math.Max(MostAtOnce.GetValueOrDefault(entry), active[entry]);
                MostAtOnceOverall = Math.Max(MostAtOnceOverall, ++activeOverall);
            }

            await Task.Delay(5, cancellationToken);
            lock (active)
            {
                return Content.TryGetValue(entry, out var properties) ? new StoreEntry(new Dictionary<string, string>(properties), properties.Count.ToString(CultureInfo.InvariantCulture)) : null;
            }
        }

        public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            lock (active)
            {
                active[entry]--;
                activeOverall--;
                var now = Content.TryGetValue(entry, out var current) ? current.Count.ToString(CultureInfo.InvariantCulture) : null;
                if (now != expected?.Version)
                {
                    Conflicts++;
                    return false;
                }

                Content[entry] = new Dictionary<string, string>(properties);
                return true;
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class ForgetfulStore : ISecretStore
    {
        public Dictionary<string, string>? Content { get; private set; }

        public int Writes { get; private set; }

        public string Name => "forgetful";

        public bool HasCompareAndSet => false;

        public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken) =>
            Task.FromResult(Content is null ? null : new StoreEntry(new Dictionary<string, string>(Content), null));

        public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
        {
            if (++Writes > 1)
            {
                Content = new Dictionary<string, string>(properties);
            }

            return Task.FromResult(true);
        }

        public void Dispose()
        {
        }
    }
}
