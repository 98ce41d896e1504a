using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Alibaba;
using PostRenderer.Stores.Aws;
using PostRenderer.Stores.AwsParameterStore;
using PostRenderer.Stores.Azure;
using PostRenderer.Stores.Gcp;
using PostRenderer.Stores.Vault;

namespace PostRenderer.Cli;

/// <summary>
/// Every store this build has, in the order messages list them: the one place a new backend is registered. Each is
/// its definition (settings, names, formats) and its factory, made only when a Secret needs the store.
/// </summary>
internal static class Stores
{
    private static readonly (StoreDefinition Definition, Func<ISecretStoreFactory> Factory)[] All =
    [
        (FileStoreDefinition.Instance, static () => new FileStoreFactory()),
        (VaultStoreDefinition.Instance, static () => new VaultStoreFactory()),
        (AwsStoreDefinition.Instance, static () => new AwsStoreFactory()),
        (ParameterStoreDefinition.Instance, static () => new ParameterStoreFactory()),
        (GcpStoreDefinition.Instance, static () => new GcpStoreFactory()),
        (AzureStoreDefinition.Instance, static () => new AzureKeyVaultStoreFactory()),
        (AlibabaStoreDefinition.Instance, static () => new AlibabaStoreFactory()),
    ];

    public static StoreRegistry Registry { get; } = new(All.Select(store => store.Definition));

    public static IReadOnlyList<ISecretStoreFactory> Factories { get; } =
        All.Select(store => (ISecretStoreFactory)new LazyStoreFactory(store.Definition.Backend, store.Factory)).ToList();
}
