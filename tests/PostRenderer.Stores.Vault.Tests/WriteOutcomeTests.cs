using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>What a write reports is what happened: lost answers of stored writes, and writes Vault refuses for size.</summary>
public sealed class WriteOutcomeTests : AgainstVault
{
    [Fact]
    public async Task A_create_stored_but_answered_500_counts_as_created_by_this_run()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });
        var populator = new Populator(store, new PopulationSettings());
        var wanted = new Dictionary<string, string> { ["password"] = "generated-1", ["user"] = "app" };
        Fake.LoseAnswerOfNextWrites(1, 500);

        var outcome = await populator.PopulateAsync(new EntryRequest("db", wanted, "test"), default);

        // The retried POST met the first one's version as a check-and-set conflict: that version is ours.
        Assert.Equal(2, Fake.CountRequests("POST", "/v1/secret/data/db"));
        Assert.True(outcome.Created);
        Assert.Equal(["password", "user"], outcome.Added);
        Assert.Empty(outcome.AlreadyPresent);
        Assert.Equal(1, Fake.Secret.CurrentVersion("db"));
        Assert.Equal(wanted, Fake.Secret.Current("db"));
    }

    [Fact]
    public async Task An_update_stored_but_answered_500_counts_its_keys_as_added()
    {
        Fake.Secret.Seed("db", new Dictionary<string, string> { ["user"] = "app" });
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });
        var populator = new Populator(store, new PopulationSettings());
        Fake.LoseAnswerOfNextWrites(1, 502);

        var outcome = await populator.PopulateAsync(new EntryRequest("db", new Dictionary<string, string> { ["password"] = "p", ["user"] = "other" }, "test"), default);

        Assert.False(outcome.Created);
        Assert.Equal(["password"], outcome.Added);
        Assert.Equal(["user"], outcome.AlreadyPresent);
        Assert.Equal(2, Fake.Secret.CurrentVersion("db"));
    }

    [Fact]
    public async Task A_retried_write_that_meets_another_writers_version_is_still_a_conflict()
    {
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });
        var read = await store.ReadAsync("db", default);
        Fake.Secret.Seed("db", new Dictionary<string, string> { ["password"] = "theirs" });
        Fake.FailNext(1, 503);

        var written = await store.TryWriteAsync("db", new Dictionary<string, string> { ["password"] = "mine" }, read, default);

        Assert.False(written);
        Assert.Equal("theirs", Fake.Secret.Current("db")!["password"]);
    }

    [Theory]
    [InlineData("secret", 2)]
    [InlineData("kv1", 1)]
    public async Task A_write_larger_than_vaults_max_request_size_names_the_entry_the_size_and_the_limit(string mount, int version)
    {
        Fake.MaxRequestSize = 1024;
        using var store = VaultStores.Create(Fake, new VaultSettings { Mount = mount, KvVersion = version });

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync("big", new Dictionary<string, string> { ["blob"] = new string('x', 2000) }, null, default));

        Assert.Equal("big", error.Entry);
        Assert.Contains("too large (HTTP 413", error.Message, StringComparison.Ordinal);
        Assert.Matches("the 2,0[0-9]{2}-byte write", error.Message);
        Assert.Contains("max_request_size", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Fake.CountRequests("POST", $"/v1/{(version == 2 ? "secret/data" : "kv1")}/big"));
    }
}
