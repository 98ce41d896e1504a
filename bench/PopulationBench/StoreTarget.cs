using System.Reflection;
using Azure.Core;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Alibaba;
using PostRenderer.Stores.Aws;
using PostRenderer.Stores.TestSupport.Aws;
using PostRenderer.Stores.Azure;
using PostRenderer.Stores.TestSupport.Azure;
using PostRenderer.Stores.Gcp;
using PostRenderer.Stores.TestSupport.Gcp;
using PostRenderer.Stores.TestSupport;
using PostRenderer.Stores.TestSupport.Alibaba;
using PostRenderer.Stores.Vault;
using PostRenderer.Stores.TestSupport.Vault;

namespace PopulationBench;

/// <summary>
/// One store to populate: a freshly started fake (empty, with <c>latency</c> added to every request), and the
/// settings, environment and factory the product would use for it, exactly as the store test projects set them.
/// </summary>
internal sealed class StoreTarget : IAsyncDisposable
{
    private readonly Func<ValueTask> dispose;

    private StoreTarget(Settings settings, IReadOnlyDictionary<string, string> environment, ISecretStoreFactory factory, Func<ValueTask> dispose)
    {
        Settings = settings;
        Environment = environment;
        Factory = factory;
        this.dispose = dispose;
    }

    public static IReadOnlyList<string> Names { get; } = ["file", "vault", "aws", "gcp", "azure", "alibaba"];

    public Settings Settings { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public ISecretStoreFactory Factory { get; }

    public static async Task<StoreTarget> StartAsync(string name, TimeSpan latency) => name switch
    {
        "file" => File(),
        "vault" => await VaultAsync(latency).ConfigureAwait(false),
        "aws" => await AwsAsync(latency).ConfigureAwait(false),
        "gcp" => await GcpAsync(latency).ConfigureAwait(false),
        "azure" => await AzureAsync(latency).ConfigureAwait(false),
        "alibaba" => await AlibabaAsync(latency).ConfigureAwait(false),
        _ => throw new ArgumentException($"unknown store '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };

    public ValueTask DisposeAsync() => dispose();

    /// <summary>Settings for <paramref name="backend"/>'s implicit store, knowing every store as the CLI's do.</summary>
    private static Settings Known(Backend backend) => new()
    {
        Backend = backend,
        Registry = new StoreRegistry(
        [
            FileStoreDefinition.Instance,
            VaultStoreDefinition.Instance,
            AwsStoreDefinition.Instance,
            GcpStoreDefinition.Instance,
            AzureStoreDefinition.Instance,
            AlibabaStoreDefinition.Instance,
        ]),
    };

    // The local file store has no network, so no latency: it measures the populator's own overhead.
    private static StoreTarget File()
    {
        var directory = Directory.CreateTempSubdirectory("population-bench-");
        var settings = Known(Backend.File).WithSection(Backend.File, new FileStoreSettings { Path = Path.Combine(directory.FullName, "secrets.json") });
        return new StoreTarget(settings, new Dictionary<string, string>(), new FileStoreFactory(), () =>
        {
            directory.Delete(recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    private static async Task<StoreTarget> VaultAsync(TimeSpan latency)
    {
        var fake = await FakeVault.StartAsync().ConfigureAwait(false);
        fake.ResponseDelay = latency;
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = fake.Address.ToString().TrimEnd('/'),
            ["VAULT_TOKEN"] = FakeVault.RootToken,
        };
        return new StoreTarget(Known(Backend.Vault), environment, new VaultStoreFactory(), fake.DisposeAsync);
    }

    private static async Task<StoreTarget> AwsAsync(TimeSpan latency)
    {
        var fake = await FakeAwsServer.StartAsync().ConfigureAwait(false);
        fake.Delay = latency;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.TestKey.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.TestKey.SecretKey,
            ["AWS_REGION"] = FakeAwsServer.Region,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = fake.Endpoint.ToString(),
        };
        return new StoreTarget(Known(Backend.Aws), environment, new AwsStoreFactory(), fake.DisposeAsync);
    }

    private static async Task<StoreTarget> GcpAsync(TimeSpan latency)
    {
        var fake = await FakeSecretManager.StartAsync().ConfigureAwait(false);
        var key = new ServiceAccountKeyFile(fake.TokenUri);
        fake.TrustedKey = key.Key;
        fake.Delay = latency;
        fake.TokenDelay = latency;
        var settings = Known(Backend.Gcp).WithSection(Backend.Gcp, new GcpSettings { ProjectId = FakeSecretManager.Project, Endpoint = fake.Endpoint.ToString() });
        var environment = new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = key.Path };
        return new StoreTarget(settings, environment, new GcpStoreFactory(), async () =>
        {
            await fake.DisposeAsync().ConfigureAwait(false);
            key.Dispose();
        });
    }

    private static async Task<StoreTarget> AzureAsync(TimeSpan latency)
    {
        var fake = await FakeKeyVault.StartAsync().ConfigureAwait(false);
        fake.ResponseDelay = latency;

        // A *.vault.azure.net name unique to this run, so the SDK's process-wide challenge cache starts empty.
        var settings = Known(Backend.Azure).WithSection(Backend.Azure, new AzureSettings { VaultUrl = $"https://kv{Guid.NewGuid():N}"[..26] + ".vault.azure.net/" });
        return new StoreTarget(settings, new Dictionary<string, string>(), new AzureFakeFactory(fake), fake.DisposeAsync);
    }

    private static async Task<StoreTarget> AlibabaAsync(TimeSpan latency)
    {
        var fake = await FakeAlibabaKms.StartAsync().ConfigureAwait(false);
        fake.AddAccessKey("LTAI5tBenchKey", "bench-access-key-secret");
        fake.Delay = latency;
        var settings = Known(Backend.Alibaba).WithSection(Backend.Alibaba, new AlibabaSettings { RegionId = "cn-hangzhou", Endpoint = fake.Endpoint.ToString() });
        var environment = new Dictionary<string, string> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAI5tBenchKey", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "bench-access-key-secret" };
        return new StoreTarget(settings, environment, new AlibabaStoreFactory(), fake.DisposeAsync);
    }

    /// <summary>
    /// The Azure store as its tests make it: the real factory with a fixed token and the fake's transport (its
    /// certificate, every host name connected to 127.0.0.1). That overload is internal to the store assembly
    /// (visible to its test project only), so it is called by reflection; a renamed overload fails loudly here.
    /// </summary>
    private sealed class AzureFakeFactory(FakeKeyVault fake) : ISecretStoreFactory
    {
        private static readonly MethodInfo CreateWithTransport = typeof(AzureKeyVaultStoreFactory).GetMethod(
                "Create",
                BindingFlags.NonPublic | BindingFlags.Static,
                [typeof(StoreContext), typeof(TokenCredential), typeof(string), typeof(HttpMessageHandler)])
            ?? throw new MissingMethodException(nameof(AzureKeyVaultStoreFactory), "Create(StoreContext, TokenCredential, string, HttpMessageHandler)");

        public Backend Backend => Backend.Azure;

        public ISecretStore Create(StoreContext context) =>
            (ISecretStore)CreateWithTransport.Invoke(null, [context, new StaticTokenCredential(FakeKeyVault.Token), "DefaultAzureCredential", fake.CreateTransport()])!;
    }
}
