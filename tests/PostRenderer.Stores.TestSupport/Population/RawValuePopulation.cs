using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport.Population;

/// <summary>
/// Populates one key through Core's own <see cref="Populator"/>, as a render does: a raw (property-less) key, whose
/// entry holds the value itself, or the same key as a JSON property.
/// </summary>
internal static class RawValuePopulation
{
    public const string Key = "token";

    public static Task<EntryOutcome> PopulateAsync(ISecretStore store, string entry, string value, bool overwrite = false) =>
        PopulateAsync(store, entry, value, overwrite, plain: true);

    public static Task<EntryOutcome> PopulateAsJsonAsync(ISecretStore store, string entry, string value, bool overwrite = false) =>
        PopulateAsync(store, entry, value, overwrite, plain: false);

    private static Task<EntryOutcome> PopulateAsync(ISecretStore store, string entry, string value, bool overwrite, bool plain) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(entry, new Dictionary<string, string> { [Key] = value }, "document 1") { Plain = plain }, default);
}
