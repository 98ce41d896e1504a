namespace PostRenderer.Core.Population;

/// <summary>
/// One store entry as read: its properties (text; binary values are base64) and the store's version of it,
/// which a compare-and-set write passes back. Property values are secret: never format them.
/// </summary>
public sealed record StoreEntry(IReadOnlyDictionary<string, string> Properties, string? Version)
{
    public override string ToString() => $"StoreEntry({Properties.Count} properties, version {Version ?? "none"})";
}
