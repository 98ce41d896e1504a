namespace PostRenderer.Core.Configuration;

/// <summary>The secret store an ExternalSecret reads from and that population writes to.</summary>
public enum Backend
{
    File,
    Vault,
    Aws,
    Gcp,
    Azure,
    Alibaba,
    ParameterStore,
}
