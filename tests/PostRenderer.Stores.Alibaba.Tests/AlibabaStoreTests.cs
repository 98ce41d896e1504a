using System.Net;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>Population against the fake KMS: create if missing, add only what is missing, never overwrite, and what KMS answers in the field.</summary>
public sealed class AlibabaStoreTests : AgainstAlibaba
{
    [Fact]
    public async Task A_missing_entry_is_created_with_every_key_as_one_json_object()
    {
        var outcome = await Populate(Harness.CreateStore(), "team/db", new() { ["user"] = "app", ["password"] = "s3cr\"et" });

        Assert.True(outcome.Created);
        Assert.Equal(["password", "user"], outcome.Added);
        Assert.Equal(new Dictionary<string, string> { ["password"] = "s3cr\"et", ["user"] = "app" }, Fake.CurrentProperties("team/db"));
        Assert.Equal(1, Fake.VersionCount("team/db"));
        Assert.Equal(1, Fake.Calls("CreateSecret"));
    }

    [Fact]
    public async Task Only_missing_keys_are_added_and_existing_values_are_never_overwritten()
    {
        Fake.Seed("db", """{"password":"kept-by-the-store","other":"theirs"}""");

        var outcome = await Populate(Harness.CreateStore(), "db", new() { ["password"] = "from-the-chart", ["user"] = "app" });

        Assert.False(outcome.Created);
        Assert.Equal(["user"], outcome.Added);
        Assert.Equal(["password"], outcome.AlreadyPresent);
        Assert.Equal(new Dictionary<string, string> { ["password"] = "kept-by-the-store", ["other"] = "theirs", ["user"] = "app" }, Fake.CurrentProperties("db"));
        Assert.Equal(2, Fake.VersionCount("db"));
    }

    [Fact]
    public async Task An_entry_that_has_every_key_is_not_written()
    {
        Fake.Seed("db", """{"password":"kept"}""");

        var outcome = await Populate(Harness.CreateStore(), "db", new() { ["password"] = "other" });

        Assert.Empty(outcome.Added);
        Assert.Equal(1, Fake.VersionCount("db"));
        Assert.Equal(0, Fake.Calls("PutSecretValue"));
    }

    [Fact]
    public async Task No_secret_value_ever_travels_in_a_url()
    {
        await Populate(Harness.CreateStore(), "db", new() { ["password"] = "value-in-the-body-only" });

        Assert.NotEmpty(Fake.Queries);
        Assert.All(Fake.Queries, query => Assert.Equal("", query));
    }

    [Fact]
    public async Task Binary_secret_data_is_refused_without_writing()
    {
        Fake.Seed("bin", "AAEC", dataType: "binary");

        var error = await Assert.ThrowsAsync<StoreException>(() => Populate(Harness.CreateStore(), "bin", new() { ["k"] = "v" }));

        Assert.Contains("binary SecretData", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Fake.VersionCount("bin"));
    }

    [Fact]
    public async Task An_entry_over_the_size_limit_is_refused_before_anything_is_sent()
    {
        var store = Harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("big", new Dictionary<string, string> { ["k"] = new string('x', 30_720) }, null, default));

        Assert.Contains("30,720 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("CreateSecret"));
        Assert.Null(Fake.Current("big"));
    }

    [Fact]
    public async Task A_secret_scheduled_for_deletion_is_named_as_such()
    {
        Fake.Seed("gone", """{"k":"v"}""");
        Fake.ScheduleDeletion("gone");

        var error = await Assert.ThrowsAsync<StoreException>(() => Populate(Harness.CreateStore(), "gone", new() { ["k"] = "v" }));

        Assert.Contains("scheduled for deletion", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Fake.Calls("DescribeSecret"));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_recognised_on_retry_and_counted_as_ours()
    {
        var lost = 0;
        Fake.AfterWrite = _ => Interlocked.Increment(ref lost) == 1 ? HttpStatusCode.InternalServerError : null;

        var outcome = await Populate(Harness.CreateStore(), "db", new() { ["password"] = "p" });

        Assert.True(outcome.Created);
        Assert.Equal(1, Fake.VersionCount("db"));
        Assert.Equal(2, Fake.Calls("CreateSecret"));
    }

    [Fact]
    public async Task A_put_whose_answer_was_lost_adds_no_second_version()
    {
        Fake.Seed("db", """{"user":"app"}""");
        var lost = 0;
        Fake.AfterWrite = _ => Interlocked.Increment(ref lost) == 1 ? HttpStatusCode.BadGateway : null;

        var outcome = await Populate(Harness.CreateStore(), "db", new() { ["password"] = "p" });

        Assert.Equal(["password"], outcome.Added);
        Assert.Equal(2, Fake.VersionCount("db"));
        Assert.Equal(2, Fake.Calls("PutSecretValue"));
    }

    [Fact]
    public async Task Two_runs_racing_on_one_entry_end_with_every_key_of_both()
    {
        var first = Harness.CreateStore();
        var second = Harness.CreateStore();
        var keysA = Enumerable.Range(0, 6).ToDictionary(i => $"a{i}", i => $"va{i}");
        var keysB = Enumerable.Range(0, 6).ToDictionary(i => $"b{i}", i => $"vb{i}");

        await Task.WhenAll(
            Task.WhenAll(keysA.Select(pair => Populate(first, "shared", new() { [pair.Key] = pair.Value }))),
            Task.WhenAll(keysB.Select(pair => Populate(second, "shared", new() { [pair.Key] = pair.Value }))));

        var current = Fake.CurrentProperties("shared")!;
        Assert.Equal(keysA.Concat(keysB).OrderBy(pair => pair.Key), current.OrderBy(pair => pair.Key));
    }

    [Fact]
    public async Task A_write_after_ours_is_merged_with_its_values_kept()
    {
        var store = Harness.CreateStore();
        Fake.Seed("db", """{"user":"app"}""");
        var read = await store.ReadAsync("db", default);
        Fake.AfterWrite = name =>
        {
            Fake.AfterWrite = null;
            Fake.Seed(name, """{"user":"app","password":"later-writer"}""");
            return null;
        };

        Assert.True(await store.TryWriteAsync("db", new Dictionary<string, string> { ["user"] = "app", ["token"] = "t" }, read, default));

        Assert.Equal(new Dictionary<string, string> { ["user"] = "app", ["password"] = "later-writer", ["token"] = "t" }, Fake.CurrentProperties("db"));
        Assert.Equal(4, Fake.VersionCount("db"));
    }

    [Fact]
    public async Task A_changed_current_version_makes_the_write_report_a_conflict_without_writing()
    {
        var store = Harness.CreateStore();
        Fake.Seed("db", """{"user":"app"}""");
        var read = await store.ReadAsync("db", default);
        Fake.Seed("db", """{"user":"changed"}""");

        Assert.False(await store.TryWriteAsync("db", new Dictionary<string, string> { ["user"] = "app", ["k"] = "v" }, read, default));

        Assert.Equal(0, Fake.Calls("PutSecretValue"));
    }

    private static Task<EntryOutcome> Populate(ISecretStore store, string entry, Dictionary<string, string> values) =>
        new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest(entry, values, "test"), default);
}
