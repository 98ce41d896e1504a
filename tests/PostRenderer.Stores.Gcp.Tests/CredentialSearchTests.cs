using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Yaml;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 18 items 10 and 2: Application Default Credentials searched over the injected environment (key file,
/// gcloud's login, the metadata server), each source named when none has credentials, and every network step of
/// the search bounded by the timeout and retries.
/// </summary>
public sealed class CredentialSearchTests : AgainstGcp, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("gcp-home-").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public void Without_any_credentials_a_population_run_fails_with_a_configuration_error_naming_each_source_tried()
    {
        var environment = Environment(metadataHost: $"127.0.0.1:{ClosedPort.Find()}");
        var settings = Settings(TimeSpan.FromSeconds(5), retries: 1);
        using var run = new PopulationRun(
            new StoreContext(settings, environment, new StoreHttp(settings.Populate)),
            new Dictionary<Backend, ISecretStoreFactory> { [Backend.Gcp] = new GcpStoreFactory() },
            new MessageLog(TextWriter.Null, null));

        run.Submit(Plan(settings, "app"));
        var error = Assert.Throws<ConfigurationException>(run.Complete);

        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.Contains("no Google credentials found", error.Message, StringComparison.Ordinal);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS (not set)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, ".config", "gcloud", "application_default_credentials.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("the metadata server at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("gcloud auth application-default login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metadata_server_that_never_answers_ends_the_search_on_time()
    {
        using var silent = new SilentServer();
        using var store = Store(Environment(metadataHost: silent.HostAndPort), TimeSpan.FromSeconds(5), retries: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => store.ReadAsync("app", default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
        Assert.Contains(silent.HostAndPort, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Takes_the_service_account_of_the_metadata_server()
    {
        await using var metadata = await FakeMetadataServer.StartAsync(Harness.Fake);
        using var store = Store(Environment(metadataHost: metadata.Host), TimeSpan.FromSeconds(5), retries: 1);

        Assert.True(await store.TryWriteAsync("app", new Dictionary<string, string> { ["k"] = "v" }, null, default));
        Assert.Equal("v", (await store.ReadAsync("app", default))!.Properties["k"]);

        Assert.Equal(1, metadata.TokenRequests);
        Assert.Equal(0, Harness.Fake.TokenRequests);
    }

    [Fact]
    public async Task A_metadata_token_endpoint_that_never_answers_fails_within_timeout_times_tries()
    {
        await using var metadata = await FakeMetadataServer.StartAsync(Harness.Fake);
        metadata.StallTokens = true;
        using var store = Store(Environment(metadataHost: metadata.Host), TimeSpan.FromSeconds(1), retries: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        // 2 tries of 1 s plus at most 0.2 s of backoff; the library's own 3 tries and 100 s timeout are off.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(2, metadata.TokenRequests);
        Assert.Contains("within 1s", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
    }

    [Fact]
    public async Task A_failing_metadata_token_endpoint_is_tried_retries_plus_one_times_not_more()
    {
        await using var metadata = await FakeMetadataServer.StartAsync(Harness.Fake);
        metadata.FailTokens = true;
        using var store = Store(Environment(metadataHost: metadata.Host), TimeSpan.FromSeconds(5), retries: 1);

        await Assert.ThrowsAnyAsync<Exception>(() => store.ReadAsync("app", default));

        Assert.Equal(2, metadata.TokenRequests);
    }

    [Fact]
    public async Task Takes_gcloud_application_default_login_from_home()
    {
        var gcloud = Directory.CreateDirectory(Path.Combine(home, ".config", "gcloud")).FullName;
        File.Copy(Harness.Key.Path, Path.Combine(gcloud, "application_default_credentials.json"));
        using var silent = new SilentServer();
        using var store = Store(Environment(metadataHost: silent.HostAndPort), TimeSpan.FromSeconds(5), retries: 1);

        Assert.Null(await store.ReadAsync("app", default));

        Assert.Equal(1, Harness.Fake.TokenRequests);
        Assert.Equal(0, silent.Connections);
    }

    private Dictionary<string, string> Environment(string metadataHost) => new(StringComparer.Ordinal)
    {
        ["HOME"] = home,
        ["GOOGLE_CLOUD_PROJECT"] = FakeSecretManager.Project,
        ["GCE_METADATA_HOST"] = metadataHost,
    };

    private Settings Settings(TimeSpan timeout, int retries) => new Settings
    {
        Backend = Backend.Gcp,
        Registry = new StoreRegistry([GcpStoreDefinition.Instance]),
        Populate = new PopulationSettings { Timeout = timeout, Retries = retries },
    }.WithSection(Backend.Gcp, new GcpSettings { Endpoint = Harness.Fake.Endpoint.ToString() });

    private ISecretStore Store(Dictionary<string, string> environment, TimeSpan timeout, int retries)
    {
        var settings = Settings(timeout, retries);
        return new GcpStoreFactory().Create(new StoreContext(settings, environment, new StoreHttp(settings.Populate)));
    }

    private static SecretPlan Plan(Settings settings, string name)
    {
        var secret = new MappingNode()
            .Add("apiVersion", "v1").Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", name))
            .Add("stringData", new MappingNode().Add("k", "value-of-" + name));
        var location = new DocumentLocation(1, 1, "Secret", name);
        return new SecretPlanner(settings, new EntryNames(), new PostRenderer.Core.Diagnostics.MessageLog(TextWriter.Null, null)).Plan(SecretDocument.Read(secret, location), null, location);
    }
}
