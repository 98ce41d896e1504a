using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>Builds the ExternalSecret document for a planned Secret in one output format.</summary>
public interface IExternalSecretWriter
{
    MappingNode Write(SecretPlan plan);

    /// <summary>Writes the canonical text of <see cref="Write"/>'s document without building it; false (nothing written) when this writer cannot.</summary>
    bool TryWriteText(SecretPlan plan, CanonicalEmitter emitter, string? sourceComment) => false;
}
