namespace PostRenderer.Core.Configuration;

/// <summary>
/// The stores a build knows, in the order messages list them: the one place a backend is registered (the CLI's
/// list; <see cref="BuiltIn"/> has only the local file store).
/// </summary>
public sealed class StoreRegistry
{
    private readonly Dictionary<Backend, StoreDefinition> byBackend = [];

    public StoreRegistry(IEnumerable<StoreDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var names = new Dictionary<string, Backend>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            byBackend.Add(definition.Backend, definition);
            names.Add(definition.Name, definition.Backend);
            All.Add(definition);
        }

        Names = names;
    }

    /// <summary>Core's own: the local file store.</summary>
    internal static StoreRegistry BuiltIn { get; } = new([FileStoreDefinition.Instance]);

    internal List<StoreDefinition> All { get; } = [];

    /// <summary>The backends by the word settings name them by, ignoring case.</summary>
    internal IReadOnlyDictionary<string, Backend> Names { get; }

    internal StoreDefinition this[Backend backend] =>
        byBackend.TryGetValue(backend, out var definition) ? definition
        : throw new Errors.ConfigurationException($"this build has no {backend.ToString().ToLowerInvariant()} store");

    /// <summary>The names of the stores a cluster can read (all but the local file), as a message lists them: "a, b or c".</summary>
    internal string ClusterStoreChoices()
    {
        var names = All.Where(definition => definition.KesBackendType is not null).Select(definition => definition.Name).ToList();
        return names.Count < 2 ? string.Concat(names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
