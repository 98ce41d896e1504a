using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>A started fake KMS that knows one AccessKey, and stores made by the real factory against it.</summary>
internal sealed class AlibabaHarness : IAsyncDisposable
{
    public const string AccessKeyId = "LTAI5tTestAccessKeyId";
    public const string AccessKeySecret = "test-access-key-secret-never-printed";

    private readonly List<ISecretStore> stores = [];

    private AlibabaHarness(FakeAlibabaKms fake) => Fake = fake;

    public FakeAlibabaKms Fake { get; }

    public static async Task<AlibabaHarness> StartAsync()
    {
        var fake = await FakeAlibabaKms.StartAsync();
        fake.AddAccessKey(AccessKeyId, AccessKeySecret);
        return new AlibabaHarness(fake);
    }

    public static Dictionary<string, string> AccessKeyEnvironment() => new()
    {
        ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = AccessKeyId,
        ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = AccessKeySecret,
    };

    public ISecretStore CreateStore(TimeSpan? timeout = null, int retries = 3, IReadOnlyDictionary<string, string>? environment = null, string? endpoint = null)
    {
        var store = new AlibabaStoreFactory().Create(Context(Settings(endpoint), environment ?? AccessKeyEnvironment(), timeout, retries));
        stores.Add(store);
        return store;
    }

    public AlibabaSettings Settings(string? endpoint = null) => new()
    {
        RegionId = "cn-hangzhou",
        Endpoint = endpoint ?? Fake.Endpoint.ToString(),
        StsEndpoint = Fake.Endpoint.ToString(),
    };

    public static StoreContext Context(AlibabaSettings settings, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null, int retries = 3) =>
        new(
            new Settings { Backend = Backend.Alibaba }.WithSection(Backend.Alibaba, settings),
            environment,
            new StoreHttp(new PopulationSettings { Timeout = timeout ?? TimeSpan.FromSeconds(10), Retries = retries }));

    public async ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        await Fake.DisposeAsync();
    }
}
