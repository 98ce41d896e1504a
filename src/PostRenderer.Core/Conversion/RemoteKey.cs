using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Conversion;

/// <summary>Where one key of a Secret lives in the store.</summary>
public sealed record RemoteKey(SecretValue Value, string Entry, string Property, GeneratorSpec? Generator);
