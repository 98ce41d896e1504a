namespace PostRenderer.Core.Population;

/// <summary>What population did to one entry (or, in a dry run, would have done). Names only, never values.</summary>
internal sealed record EntryOutcome(
    string Entry,
    bool Created,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Replaced,
    IReadOnlyList<string> AlreadyPresent);
