using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>A fresh fake per test, and stores made as the CLI makes them: the public factory, settings, an injected environment.</summary>
public abstract class ParameterStoreTestbed : IAsyncLifetime
{
    private readonly MadeStores stores = new();

    internal FakeParameterStore Fake { get; private set; } = null!;

    public async Task InitializeAsync() => Fake = await FakeParameterStore.StartAsync();

    public async Task DisposeAsync()
    {
        stores.Dispose();
        await Fake.DisposeAsync();
    }

    internal Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = FakeParameterStore.TestKey.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = FakeParameterStore.TestKey.SecretKey,
        ["AWS_REGION"] = FakeParameterStore.Region,
        ["AWS_ENDPOINT_URL_SSM"] = Fake.Endpoint.ToString(),
    };

    internal ISecretStore CreateStore(PopulationSettings? populate = null, ParameterStoreSettings? settings = null, Dictionary<string, string>? environment = null)
    {
        var all = new Settings { Backend = Backend.ParameterStore, Populate = populate ?? Fast }.WithSection(Backend.ParameterStore, settings ?? new ParameterStoreSettings());
        return stores.Keep(new ParameterStoreFactory().Create(new StoreContext(all, environment ?? Environment(), new StoreHttp(all.Populate))));
    }
}
