using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>
/// Issue 6: a population that a fault stops half-way is completed by a re-run once the fault heals, with nothing
/// lost and nothing duplicated. The product's <see cref="Populator"/> fills six entries; after three the fault
/// starts and the fourth fails with a <see cref="StoreException"/> naming it (and no value); the fault heals; the
/// re-run writes only the missing entries: the first three keep their version (no second write), a value that was
/// in the store before is never replaced, and every entry ends with exactly its keys.
/// </summary>
public sealed class HealAfterFaultTests : IAsyncLifetime
{
    private const int Entries = 6;
    private FakeVault fake = null!;

    public async Task InitializeAsync() => fake = await FakeVault.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "permission denied"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault)
    {
        fake.Secret.Seed("heal/e0", new Dictionary<string, string> { ["k1"] = "kept-original-value" });
        // Healthy phases get a generous timeout (a slow first request on a loaded machine must not be retried
        // into an extra version); only the fault phase uses the short one.
        var healthy = new PopulationSettings { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };
        var settings = new PopulationSettings { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        using var store = VaultStores.Create(fake, new VaultSettings { KvVersion = 2 }, healthy.Timeout, healthy.Retries);
        var populator = new Populator(store, healthy);
        using var impatientStore = VaultStores.Create(fake, new VaultSettings { KvVersion = 2 }, settings.Timeout, settings.Retries);
        var impatient = new Populator(impatientStore, settings);

        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(i), default);
        }

        Inject(fault);
        var error = await Assert.ThrowsAsync<StoreException>(() => impatient.PopulateAsync(Request(3), default));
        Assert.Equal("heal/e3", error.Entry);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Secret.CurrentVersion("heal/e3"));

        Heal();
        var versionsBefore = Enumerable.Range(0, 3).Select(i => fake.Secret.CurrentVersion($"heal/e{i}")).ToList();
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(i), default);
            Assert.Equal(i < 3 ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore, Enumerable.Range(0, 3).Select(i => fake.Secret.CurrentVersion($"heal/e{i}")));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = "kept-original-value";
            }

            Assert.Equal(expected, fake.Secret.Current($"heal/e{i}"));
            Assert.Equal(i == 0 ? 2 : 1, fake.Secret.CurrentVersion($"heal/e{i}"));
        }
    }

    private static EntryRequest Request(int i) => new($"heal/e{i}",
        new Dictionary<string, string> { ["k1"] = $"heal-value-{i}-1", ["k2"] = $"heal-value-{i}-2", ["k3"] = $"heal-value-{i}-3" }, $"document {i + 1}");

    private void Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": fake.FailNext(1000, 503); break;
            case "throttling": fake.FailNext(1000, 429, retryAfter: "0"); break;
            case "slow answers": fake.ResponseDelay = TimeSpan.FromSeconds(5); break;
            default: fake.Tokens[FakeVault.RootToken] = false; break; // the token may read but no longer write
        }
    }

    private void Heal()
    {
        fake.FailNext(0, 200);
        fake.ResponseDelay = TimeSpan.Zero;
        fake.Tokens[FakeVault.RootToken] = true;
    }
}
