using System.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// The ECS RAM role from the instance metadata service, against <see cref="FakeEcsMetadataServer"/> whose
/// credentials the fake KMS accepts: session token first, role discovered or named, kept until shortly before it
/// expires, and a metadata service that stalls or is not there ends on time.
/// </summary>
public sealed class EcsRamRoleCredentialTests : IAsyncLifetime, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("alibaba-ecs-").FullName;
    private AlibabaHarness harness = null!;
    private FakeEcsMetadataServer metadata = null!;

    private FakeAlibabaKms Fake => harness.Fake;

    public async Task InitializeAsync()
    {
        harness = await AlibabaHarness.StartAsync();
        metadata = await FakeEcsMetadataServer.StartAsync(harness.Fake);
    }

    public async Task DisposeAsync()
    {
        await metadata.DisposeAsync();
        await harness.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public async Task Without_other_credentials_the_attached_role_is_discovered_and_signs_with_a_session_token()
    {
        Fake.Seed("db", """{"k":"v"}""");
        var store = harness.CreateStore(environment: Environment());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("v", (await store.ReadAsync("db", default))!.Properties["k"]);
        }

        Assert.Equal(1, metadata.IssuedCredentials);
        Assert.Equal(1, metadata.TokenRequests);
        Assert.Equal(0, metadata.TokenlessRequests);
    }

    [Fact]
    public async Task ALIBABA_CLOUD_ECS_METADATA_names_the_role_so_it_is_not_discovered()
    {
        var environment = Environment();
        environment["ALIBABA_CLOUD_ECS_METADATA"] = "AnotherRole";

        var error = await Assert.ThrowsAsync<StoreException>(() => harness.CreateStore(environment: environment).ReadAsync("db", default));

        Assert.Contains("knows no RAM role AnotherRole", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("GetSecretValue"));

        environment["ALIBABA_CLOUD_ECS_METADATA"] = FakeEcsMetadataServer.RoleName;
        Assert.Null(await harness.CreateStore(environment: environment).ReadAsync("absent", default));
    }

    [Fact]
    public async Task Credentials_about_to_expire_are_fetched_again_with_a_new_session_token()
    {
        Fake.Seed("db", """{"k":"v"}""");
        metadata.NextLifetimes.Enqueue(TimeSpan.FromMinutes(10));
        var store = harness.CreateStore(environment: Environment());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("v", (await store.ReadAsync("db", default))!.Properties["k"]);
        }

        Assert.Equal(2, metadata.IssuedCredentials);
        Assert.Equal(2, metadata.TokenRequests);
    }

    [Fact]
    public async Task A_metadata_service_without_session_tokens_is_asked_without_one_unless_that_is_forbidden()
    {
        metadata.NoTokenEndpoint = true;
        metadata.RequireToken = false;

        Assert.Null(await harness.CreateStore(environment: Environment()).ReadAsync("absent", default));
        Assert.True(metadata.TokenlessRequests >= 2);

        var environment = Environment();
        environment["ALIBABA_CLOUD_IMDSV1_DISABLED"] = "true";
        var error = await Assert.ThrowsAsync<StoreException>(() => harness.CreateStore(environment: environment).ReadAsync("absent", default));
        Assert.Contains("ALIBABA_CLOUD_IMDSV1_DISABLED forbids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_attached_role_says_so()
    {
        metadata.AttachedRole = null;

        var error = await Assert.ThrowsAsync<StoreException>(() => harness.CreateStore(environment: Environment()).ReadAsync("db", default));

        Assert.Contains("no RAM role is attached to this instance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credentials_answer_that_stalls_after_its_headers_is_cut_at_the_deadline_and_names_no_secret()
    {
        metadata.StallCredentials = true;
        var environment = Environment();
        environment["ALIBABA_CLOUD_ECS_METADATA"] = FakeEcsMetadataServer.RoleName;
        using var store = new AlibabaStoreFactory().Create(AlibabaHarness.Context(harness.Settings(), environment, TimeSpan.FromMilliseconds(400), retries: 1));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("db", default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Equal("db", error.Entry);
        Assert.Contains("ECS RAM role", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task A_metadata_service_that_never_answers_ends_the_search_quickly_with_every_source_tried()
    {
        using var silent = new SilentServer();
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"] = silent.HostAndPort };
        using var store = new AlibabaStoreFactory().Create(AlibabaHarness.Context(harness.Settings(), environment, TimeSpan.FromSeconds(30), retries: 5));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => store.ReadAsync("db", default));

        // Short tries (1 s, 2 retries) whatever the store's 30 s deadline: about 3 s, not minutes.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        Assert.Contains("no credentials found", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, ".aliyun", "config.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains($"metadata service at {silent.Address}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_secrets_never_appear_in_a_failure()
    {
        Fake.DenyPermission = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => harness.CreateStore(environment: Environment()).ReadAsync("db", default));

        Assert.Contains("Forbidden.RAM", error.Message, StringComparison.Ordinal);
        Assert.Contains("ECS RAM role", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ecs-secret-", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ecs-token-", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("metadata-token-", error.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = home,
        ["ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"] = metadata.Address.ToString(),
    };
}
