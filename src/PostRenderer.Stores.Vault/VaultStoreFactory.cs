using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>Makes the Vault store from <c>vault:</c> settings and the vault CLI's environment variables.</summary>
public sealed class VaultStoreFactory : ISecretStoreFactory
{
    public Backend Backend => Backend.Vault;

    public ISecretStore Create(StoreContext context)
    {
        var configuration = VaultConfigurationReader.Read(context.Settings.Section<VaultSettings>(Backend.Vault), context.Environment);
        var httpClient = context.Http.CreateClient(VaultStore.StoreName, VaultTransport.CreateHandler(configuration.Tls));
        return new VaultStore(configuration, httpClient);
    }
}
