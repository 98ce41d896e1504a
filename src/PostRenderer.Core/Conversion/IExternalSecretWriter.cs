using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>Builds the ExternalSecret document for a planned Secret in one output format.</summary>
internal interface IExternalSecretWriter
{
    MappingNode Write(SecretPlan plan);
}
