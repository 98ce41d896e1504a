using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.TestSupport;

/// <summary>What the store tests use unless a test says otherwise (imported statically by each store test project).</summary>
public static class StoreTestDefaults
{
    /// <summary>Fast against an in-process fake, but generous enough for a loaded 2-core CI machine.</summary>
    public static readonly PopulationSettings Fast = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 3 };

    /// <summary>An entry's properties from key-value pairs.</summary>
    public static Dictionary<string, string> Properties(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
