using PostRenderer.Core.Configuration;
using PostRenderer.Stores.Alibaba;
using PostRenderer.Stores.Aws;
using PostRenderer.Stores.AwsParameterStore;
using PostRenderer.Stores.Azure;
using PostRenderer.Stores.Gcp;
using PostRenderer.Stores.Vault;

namespace PostRenderer.Core.Tests;

/// <summary>Every store's definition, in the CLI's order (the CLI's own list is checked against this one in its tests).</summary>
internal static class TestStores
{
    public static StoreRegistry Registry { get; } = new(
    [
        FileStoreDefinition.Instance,
        VaultStoreDefinition.Instance,
        AwsStoreDefinition.Instance,
        ParameterStoreDefinition.Instance,
        GcpStoreDefinition.Instance,
        AzureStoreDefinition.Instance,
        AlibabaStoreDefinition.Instance,
    ]);

    /// <summary>Settings that know every store, as the CLI's do.</summary>
    public static Settings Settings { get; } = new() { Registry = Registry };

    public static StoreDefinition Of(Backend backend) => Registry[backend];
}
