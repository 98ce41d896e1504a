namespace PostRenderer.Core.Configuration;

/// <summary>Per-key overrides inside a <see cref="SecretRule"/>.</summary>
/// <param name="Name">The Secret's key the rule is for.</param>
/// <param name="Entry">Store entry for this key instead of the Secret's entry.</param>
/// <param name="Property">Property inside the entry instead of the key's own name.</param>
/// <param name="Generator">Generates the value when the chart gives none (population only).</param>
public sealed record KeyRule(string Name, string? Entry, string? Property, GeneratorSpec? Generator);
