namespace PostRenderer.Stores.Vault.Tests;

public sealed class ConcurrencyTests : AgainstVault
{
    [Fact]
    public async Task Two_writers_who_both_read_before_either_writes_lose_nothing()
    {
        Fake.Secret.Seed("shared", new Dictionary<string, string> { ["existing"] = "0" });
        using var first = VaultStores.Create(Fake);
        using var second = VaultStores.Create(Fake);
        var arrived = 0;
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task BothHaveRead()
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothRead.SetResult();
            }

            return bothRead.Task;
        }

        await Task.WhenAll(
            EntryPopulation.AddMissingAsync(new AfterFirstRead(first, BothHaveRead), "shared", new Dictionary<string, string> { ["a"] = "1", ["existing"] = "overwritten?" }),
            EntryPopulation.AddMissingAsync(new AfterFirstRead(second, BothHaveRead), "shared", new Dictionary<string, string> { ["b"] = "2" }));

        Assert.Equal(1, Fake.Secret.CasConflicts);
        Assert.Equal(new Dictionary<string, string> { ["existing"] = "0", ["a"] = "1", ["b"] = "2" }, Fake.Secret.Current("shared"));
    }

    [Fact]
    public async Task Many_writers_racing_on_one_new_entry_lose_nothing()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => VaultStores.Create(Fake)).ToList();
        try
        {
            await Task.WhenAll(stores.Select((store, writer) => Task.Run(() => EntryPopulation.AddMissingAsync(store, "race",
                Enumerable.Range(0, 4).ToDictionary(key => $"w{writer}k{key}", key => $"{writer}.{key}")))));
        }
        finally
        {
            stores.ForEach(store => store.Dispose());
        }

        var result = Fake.Secret.Current("race")!;
        Assert.Equal(32, result.Count);
        Assert.Equal("7.3", result["w7k3"]);
    }
}
