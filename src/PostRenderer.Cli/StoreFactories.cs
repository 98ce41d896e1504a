using PostRenderer.Core.Population;
using PostRenderer.Stores.Aws;
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
        new VaultStoreFactory(),
        new AwsStoreFactory(),
        new AzureKeyVaultStoreFactory(),
        new GcpStoreFactory(),
    ];
}
