namespace PostRenderer.Core.Population;

/// <summary>Totals of one run's population, for the summary line, and the same per store.</summary>
internal sealed record PopulationSummary(int Entries, int EntriesCreated, int KeysAdded, int KeysReplaced, int KeysPresent)
{
    /// <summary>One item per store the run touched, in the order first used.</summary>
    public IReadOnlyList<StoreSummary> Stores { get; init; } = [];

    public static PopulationSummary Of(IReadOnlyList<StoreSummary> stores) =>
        new(stores.Sum(s => s.Entries), stores.Sum(s => s.EntriesCreated), stores.Sum(s => s.KeysAdded), stores.Sum(s => s.KeysReplaced), stores.Sum(s => s.KeysPresent))
        {
            Stores = stores,
        };
}

/// <summary>Totals of one store in a population run.</summary>
internal sealed record StoreSummary(string Store, int Entries, int EntriesCreated, int KeysAdded, int KeysReplaced, int KeysPresent);
