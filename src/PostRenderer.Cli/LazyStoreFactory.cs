using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Cli;

/// <summary>
/// Defers creating a store's factory, and so loading its SDK's assemblies, until a Secret needs that store:
/// a render that populates nothing, or only the file store, starts without loading the AWS, Azure or Google stacks.
/// </summary>
internal sealed class LazyStoreFactory(Backend backend, Func<ISecretStoreFactory> create) : ISecretStoreFactory
{
    public Backend Backend => backend;

    public ISecretStore Create(StoreContext context) => create().Create(context);
}
