using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Conversion;

/// <summary>Where one key of a Secret lives in the store, and how ESO reads it back.</summary>
/// <param name="Property">The property inside the entry; null when the entry holds this key's raw value.</param>
internal sealed record RemoteKey(SecretValue Value, string Entry, string? Property, GeneratorSpec? Generator)
{
    /// <summary>A pinned version (Vault KV v2, GCP, Azure); population never writes to it.</summary>
    public string? Version { get; init; }

    /// <summary>An AWS version stage; population writes only to the current one.</summary>
    public string? VersionStage { get; init; }

    /// <summary>The ESO decodingStrategy to write; null writes none.</summary>
    public string? DecodingStrategy { get; init; }

    /// <summary>
    /// True when population must leave this key alone: ESO reads a version or stage that a new write would not
    /// become (AWSCURRENT, and GCP's "latest", are what a write makes).
    /// </summary>
    public bool IsPinned =>
        (Version is not null && !Version.Equals("latest", StringComparison.OrdinalIgnoreCase))
        || (VersionStage is not null && VersionStage != "AWSCURRENT");
}
