namespace PostRenderer.Core.Population;

/// <summary>Totals of one run's population, for the summary line.</summary>
public sealed record PopulationSummary(int Entries, int EntriesCreated, int KeysAdded, int KeysReplaced, int KeysPresent);
