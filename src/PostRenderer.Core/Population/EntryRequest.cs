namespace PostRenderer.Core.Population;

/// <summary>
/// The properties one store entry must hold after population, with the values to use where it lacks them.
/// Values are secret: this type never shows them.
/// </summary>
/// <param name="Entry">The store entry name.</param>
/// <param name="Values">Property name to value (text, or base64 for binary values).</param>
/// <param name="Origin">The document the request comes from, for messages.</param>
internal sealed record EntryRequest(string Entry, IReadOnlyDictionary<string, string> Values, string Origin)
{
    /// <summary>The entry holds one key's raw value, not a JSON object: <see cref="Values"/> has that one key.</summary>
    public bool Plain { get; init; }

    public override string ToString() => $"EntryRequest({Entry}: {string.Join(", ", Values.Keys)})";
}
