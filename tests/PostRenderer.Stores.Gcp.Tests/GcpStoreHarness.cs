using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>A started fake, a service account key it trusts, and stores made by the real factory against them.</summary>
internal sealed class GcpStoreHarness : IAsyncDisposable
{
    private readonly MadeStores stores = new();

    private GcpStoreHarness(FakeSecretManager fake, ServiceAccountKeyFile key)
    {
        Fake = fake;
        Key = key;
    }

    public FakeSecretManager Fake { get; }

    public ServiceAccountKeyFile Key { get; }

    public static async Task<GcpStoreHarness> StartAsync()
    {
        var fake = await FakeSecretManager.StartAsync();
        var key = new ServiceAccountKeyFile(fake.TokenUri);
        fake.TrustedKey = key.Key;
        return new GcpStoreHarness(fake, key);
    }

    public ISecretStore CreateStore(
        TimeSpan? timeout = null, int retries = 3, IReadOnlyList<string>? replicaLocations = null, TimeSpan? quotaWait = null, string? endpoint = null)
    {
        return stores.Keep(new GcpStoreFactory().Create(Context(
            new GcpSettings
            {
                ProjectId = FakeSecretManager.Project,
                Endpoint = endpoint ?? Fake.Endpoint.ToString(),
                ReplicaLocations = replicaLocations ?? [],
                QuotaWait = quotaWait ?? new GcpSettings().QuotaWait,
            },
            new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = Key.Path },
            timeout,
            retries)));
    }

    public static StoreContext Context(GcpSettings settings, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null, int retries = 3) =>
        new(
            new Settings { Backend = Backend.Gcp }.WithSection(Backend.Gcp, settings),
            environment,
            new StoreHttp(new PopulationSettings { Timeout = timeout ?? TimeSpan.FromSeconds(5), Retries = retries }));

    public async ValueTask DisposeAsync()
    {
        stores.Dispose();
        await Fake.DisposeAsync();
        Key.Dispose();
    }
}
