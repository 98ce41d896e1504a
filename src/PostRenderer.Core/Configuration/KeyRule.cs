namespace PostRenderer.Core.Configuration;

/// <summary>Per-key overrides inside a <see cref="SecretRule"/>: where the key's value lives and how ESO reads it.</summary>
/// <param name="Name">The Secret's key the rule is for.</param>
/// <param name="Entry">Store entry for this key instead of the Secret's entry.</param>
/// <param name="Property">Property inside the entry instead of the key's own name. With <see cref="Entry"/> and
/// without a property, on a store whose entries can hold a plain value, the entry holds this key's raw value.</param>
/// <param name="Generator">Generates the value when the chart gives none (population only).</param>
internal sealed record KeyRule(string Name, string? Entry, string? Property, GeneratorSpec? Generator)
{
    /// <summary>Pinned version: Vault KV v2 version, GCP version, Azure version id (ESO <c>remoteRef.version</c>).</summary>
    public string? Version { get; init; }

    /// <summary>AWS version stage such as AWSPREVIOUS (ESO <c>remoteRef.version</c>, KES <c>versionStage</c>).</summary>
    public string? VersionStage { get; init; }

    /// <summary>ESO <c>decodingStrategy</c>: None, Base64, Base64URL or Auto; null means Base64 for binary values only.</summary>
    public string? DecodingStrategy { get; init; }

    public static readonly string[] DecodingStrategies = ["None", "Base64", "Base64URL", "Auto"];
}
