using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>Builds the ExternalSecret document for a planned Secret in one output format.</summary>
public interface IExternalSecretWriter
{
    MappingNode Write(SecretPlan plan);
}
