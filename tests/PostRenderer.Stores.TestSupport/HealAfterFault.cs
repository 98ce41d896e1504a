using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using Xunit;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Issue 6, the same for every store: a population that a fault stops half-way is completed by a re-run once the
/// fault heals, with nothing lost and nothing duplicated. The product's <see cref="Populator"/> fills six entries;
/// after three the fault starts and the fourth fails with a <see cref="StoreException"/> naming it (and no value);
/// the re-run writes only what is missing, never replaces the value that was in the store before, and adds no
/// version to the entries already complete.
/// </summary>
internal static class HealAfterFault
{
    private const int Entries = 6;
    private const string KeptValue = "kept-original-value";

    /// <summary>
    /// Healthy phases get a generous timeout, so that a slow first request on a loaded machine (token, JIT, server
    /// warm-up) is not retried into an extra version; only the fault phase uses <see cref="Options.Impatient"/>.
    /// </summary>
    private static readonly PopulationSettings Healthy = new() { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };

    public static async Task RunAsync(IFaultableStore target, string fault, Options? options = null)
    {
        options ??= new Options();
        target.Seed(target.Entry(0), "k1", KeptValue);
        using var store = target.CreateStore(Healthy);
        var populator = new Populator(store, Healthy);
        using var impatientStore = target.CreateStore(options.Impatient);
        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(target, i), default);
        }

        target.Inject(fault);
        var failing = options.FailingStep ?? ((client, request) => new Populator(client, options.Impatient).PopulateAsync(request, default));
        var error = await Assert.ThrowsAsync<StoreException>(() => failing(impatientStore, Request(target, 3)));
        var mayHaveApplied = options.MayHaveApplied(fault);
        Assert.True(error.Entry == target.Entry(3) || (mayHaveApplied && error.Entry is null), error.Message);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);

        target.Heal();
        var versionsBefore = Enumerable.Range(0, 4).Select(i => target.VersionCount(target.Entry(i))).ToList();
        Assert.True(mayHaveApplied || versionsBefore[3] == 0, $"the failed write left {versionsBefore[3]} versions of the fourth entry");
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(target, i), default);
            Assert.Equal(i < 3 || (i == 3 && versionsBefore[3] > 0) ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore.Take(3), Enumerable.Range(0, 3).Select(i => target.VersionCount(target.Entry(i))));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(target, i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = KeptValue;
            }

            Assert.Equal(expected, target.Current(target.Entry(i)));
            Assert.Equal(i == 0 ? 2 : 1, target.VersionCount(target.Entry(i)));
        }
    }

    private static EntryRequest Request(IFaultableStore target, int i) => new(target.Entry(i),
        new Dictionary<string, string> { ["k1"] = $"heal-value-{i}-1", ["k2"] = $"heal-value-{i}-2", ["k3"] = $"heal-value-{i}-3" }, $"document {i + 1}");

    /// <summary>How one store's run differs from the default.</summary>
    public sealed record Options
    {
        /// <summary>The settings of the client that meets the fault.</summary>
        public PopulationSettings Impatient { get; init; } = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

        /// <summary>What fails under the fault; by default the populator filling the fourth entry.</summary>
        public Func<ISecretStore, EntryRequest, Task>? FailingStep { get; init; }

        /// <summary>Whether the failed step may still have written the fourth entry (an answer lost after the write).</summary>
        public Func<string, bool> MayHaveApplied { get; init; } = _ => false;
    }
}
