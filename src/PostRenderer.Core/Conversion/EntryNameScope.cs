using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// The store an entry name belongs to, for the collision check: a named store by its key, or the implicit store of a
/// backend (the top-level settings). Two stores of one backend (two Key Vaults) have entry names of their own.
/// </summary>
internal readonly record struct EntryNameScope(bool IsImplicit, string Key, string Name)
{
    public static EntryNameScope Of(StoreSettings store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Implicit ? Implicit(store.Definition) : new EntryNameScope(false, Settings.StoreKey(store.Name), store.Name);
    }

    public static EntryNameScope Implicit(StoreDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(true, definition.Name, definition.Name);
    }

    // Equality is by kind and key only: the name as written is for messages.
    public bool Equals(EntryNameScope other) => IsImplicit == other.IsImplicit && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(IsImplicit, Key);

    /// <summary>The store in words, for messages.</summary>
    public string Describe(StoreDefinition definition) => IsImplicit || Key is null ? $"the {definition?.Name} store" : $"store '{Name}'";
}
