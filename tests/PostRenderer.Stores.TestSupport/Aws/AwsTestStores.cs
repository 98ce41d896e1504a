using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>Stores made the way the CLI makes them: the public factory, settings and an injected environment.</summary>
internal static class AwsTestStores
{
    public static Dictionary<string, string> Environment(FakeAwsServer server, FakeAwsKey? key = null) => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = (key ?? FakeAwsServer.TestKey).AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = (key ?? FakeAwsServer.TestKey).SecretKey,
        ["AWS_REGION"] = FakeAwsServer.Region,
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
    };

    /// <summary>The region and the fake's endpoint, no keys: the store takes its credentials from the SDK's default chain.</summary>
    public static Dictionary<string, string> DefaultChainEnvironment(FakeAwsServer server) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = FakeAwsServer.Region,
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
    };

    public static StoreContext Context(IReadOnlyDictionary<string, string> environment, AwsSettings? aws = null, PopulationSettings? populate = null)
    {
        var settings = new Settings { Backend = Backend.Aws, Populate = populate ?? StoreTestDefaults.Fast }.WithSection(Backend.Aws, aws ?? new AwsSettings());
        return new StoreContext(settings, environment, new StoreHttp(settings.Populate));
    }

    public static ISecretStore Create(FakeAwsServer server, PopulationSettings? populate = null) =>
        new AwsStoreFactory().Create(Context(Environment(server), populate: populate));

    public static ISecretStore Create(IReadOnlyDictionary<string, string> environment, AwsSettings? aws = null, PopulationSettings? populate = null) =>
        new AwsStoreFactory().Create(Context(environment, aws, populate));
}
