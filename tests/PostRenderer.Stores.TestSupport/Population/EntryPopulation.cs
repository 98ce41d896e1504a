using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport.Population;

/// <summary>
/// Populates one entry through Core's own <see cref="Populator"/>, as a render does (read, add what is missing,
/// write, and on a conflict or a lost key go round again), so that store tests exercise the loop users run rather
/// than a copy of it.
/// </summary>
internal static class EntryPopulation
{
    public static Task<EntryOutcome> AddMissingAsync(ISecretStore store, string entry, IReadOnlyDictionary<string, string> wanted) =>
        new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest(entry, wanted, "test"), CancellationToken.None);
}
