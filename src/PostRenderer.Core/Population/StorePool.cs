using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Population;

/// <summary>One store of a population run: its client, its own bound on requests in flight, and its totals.</summary>
internal sealed class StorePool(StoreSettings store, ISecretStore client, Populator populator, int concurrency) : IDisposable
{
    private int entries, created, added, replaced, present;

    public StoreSettings Store => store;

    public Populator Populator => populator;

    public SemaphoreSlim Slots { get; } = new(concurrency);

    public void Count(EntryOutcome outcome)
    {
        Interlocked.Increment(ref entries);
        Interlocked.Add(ref added, outcome.Added.Count);
        Interlocked.Add(ref replaced, outcome.Replaced.Count);
        Interlocked.Add(ref present, outcome.AlreadyPresent.Count);
        if (outcome.Created)
        {
            Interlocked.Increment(ref created);
        }
    }

    public StoreSummary Totals() => new(store.Label, entries, created, added, replaced, present);

    public void Dispose()
    {
        client.Dispose();
        Slots.Dispose();
    }
}
