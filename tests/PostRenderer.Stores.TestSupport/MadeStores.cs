using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport;

/// <summary>The stores (clients) one test made against its fake, disposed together before the fake stops.</summary>
internal sealed class MadeStores : IDisposable
{
    private readonly List<ISecretStore> stores = [];

    /// <summary>Keeps <paramref name="store"/> to be disposed at the end of the test, and returns it.</summary>
    public ISecretStore Keep(ISecretStore store)
    {
        lock (stores)
        {
            stores.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        lock (stores)
        {
            stores.ForEach(store => store.Dispose());
        }
    }
}
