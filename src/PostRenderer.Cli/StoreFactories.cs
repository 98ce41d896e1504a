using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Alibaba;
using PostRenderer.Stores.Aws;
using PostRenderer.Stores.AwsParameterStore;
using PostRenderer.Stores.Azure;
using PostRenderer.Stores.Gcp;
using PostRenderer.Stores.Vault;

namespace PostRenderer.Cli;

/// <summary>Every store this build can populate; the one place a new backend is registered.</summary>
internal static class StoreFactories
{
    public static IReadOnlyList<ISecretStoreFactory> All { get; } =
    [
        new FileStoreFactory(),
        new LazyStoreFactory(Backend.Vault, static () => new VaultStoreFactory()),
        new LazyStoreFactory(Backend.Aws, static () => new AwsStoreFactory()),
        new LazyStoreFactory(Backend.ParameterStore, static () => new ParameterStoreFactory()),
        new LazyStoreFactory(Backend.Azure, static () => new AzureKeyVaultStoreFactory()),
        new LazyStoreFactory(Backend.Gcp, static () => new GcpStoreFactory()),
        new LazyStoreFactory(Backend.Alibaba, static () => new AlibabaStoreFactory()),
    ];
}
