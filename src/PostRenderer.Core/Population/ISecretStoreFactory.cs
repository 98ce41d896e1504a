using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Population;

/// <summary>Creates the store for one backend from the settings; each store project has one.</summary>
public interface ISecretStoreFactory
{
    Backend Backend { get; }

    /// <summary>Creates the client. Throws <see cref="Errors.ConfigurationException"/> when settings or credentials are missing.</summary>
    ISecretStore Create(StoreContext context);
}
