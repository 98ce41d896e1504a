using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport.Aws;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>The store test set of the other backends, against the Systems Manager fake: create, add-only, never overwrite, races, faults.</summary>
public sealed class ParameterStoreTests : ParameterStoreTestbed
{
    private const string Entry = "/ns/app";

    [Fact]
    public async Task Reading_an_absent_parameter_returns_null()
    {
        Assert.Null(await CreateStore().ReadAsync(Entry, default));
        Assert.Equal(["GetParameter"], Fake.Operations);
    }

    [Fact]
    public async Task Creates_a_secure_string_holding_one_json_object_and_reads_it_back_with_its_version()
    {
        var store = CreateStore(settings: new ParameterStoreSettings { KmsKeyId = "alias/team-key" });

        Assert.True(await store.TryWriteAsync(Entry, Properties(("username", "admin"), ("password", "s3cr3t")), null, default));

        Assert.Equal("""{"password":"s3cr3t","username":"admin"}""", Fake.Latest(Entry));
        Assert.Equal(("SecureString", "alias/team-key", "Standard"), Fake.Settings(Entry));
        var read = await store.ReadAsync(Entry, default);
        Assert.Equal("1", read!.Version);
        Assert.Equal("s3cr3t", read.Properties["password"]);
    }

    [Fact]
    public async Task Creating_a_parameter_that_exists_meanwhile_returns_false_and_keeps_it()
    {
        Fake.Put(Entry, """{"a":"1"}""");

        Assert.False(await CreateStore().TryWriteAsync(Entry, Properties(("b", "2")), null, default));

        Assert.Equal("""{"a":"1"}""", Fake.Latest(Entry));
    }

    [Fact]
    public async Task Population_adds_only_missing_keys_and_never_overwrites_a_value_keeping_the_kms_key_and_tier()
    {
        Fake.Put(Entry, """{"password":"kept"}""", keyId: "arn:aws:kms:eu-test-1:123456789012:key/cmk", tier: "Advanced");
        var populator = new Populator(CreateStore(), new PopulationSettings());

        var outcome = await populator.PopulateAsync(new EntryRequest(Entry, Properties(("password", "from-chart"), ("url", "postgres://db")), "document 1"), default);

        Assert.Equal(["url"], outcome.Added);
        Assert.Equal(["password"], outcome.AlreadyPresent);
        Assert.Equal("""{"password":"kept","url":"postgres://db"}""", Fake.Latest(Entry));
        Assert.Equal(("SecureString", "arn:aws:kms:eu-test-1:123456789012:key/cmk", "Advanced"), Fake.Settings(Entry));
    }

    [Fact]
    public async Task Writing_with_a_stale_version_returns_false_and_writes_nothing()
    {
        var store = CreateStore();
        Fake.Put(Entry, """{"a":"1"}""");
        var stale = await store.ReadAsync(Entry, default);
        Fake.Put(Entry, """{"a":"1","other":"x"}""");

        Assert.False(await store.TryWriteAsync(Entry, Properties(("a", "1"), ("b", "2")), stale, default));

        Assert.Equal(2, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task Two_writers_racing_lose_nothing()
    {
        var first = CreateStore();
        var second = CreateStore();
        for (var round = 0; round < 5; round++)
        {
            var entry = $"/ns/shared{round}";
            var a = Enumerable.Range(0, 3).ToDictionary(i => $"first{i}", i => $"value{i}");
            var b = Enumerable.Range(0, 3).ToDictionary(i => $"second{i}", i => $"value{i}");

            await Task.WhenAll(
                Task.Run(() => new Populator(first, new PopulationSettings()).PopulateAsync(new EntryRequest(entry, a, "document 1"), default)),
                Task.Run(() => new Populator(second, new PopulationSettings()).PopulateAsync(new EntryRequest(entry, b, "document 2"), default)));

            var final = JsonSerializer.Deserialize<Dictionary<string, string>>(Fake.Latest(entry)!)!;
            Assert.Equal(6, final.Count);
        }
    }

    [Fact]
    public async Task A_create_applied_but_answered_with_500_counts_as_created()
    {
        Fake.Fail(new FakeFault(500, AfterApplying: true));

        Assert.True(await CreateStore().TryWriteAsync(Entry, Properties(("a", "1")), null, default));

        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task Server_errors_are_retried_then_succeed()
    {
        Fake.Fail(new FakeFault(500, "InternalServerError"), times: 2);
        Fake.Fail(new FakeFault(503));

        Assert.Null(await CreateStore().ReadAsync(Entry, default));
        Assert.Equal(4, Fake.Requests);
    }

    [Fact]
    public async Task Throttling_with_http_400_is_retried_then_succeeds()
    {
        Fake.Fail(new FakeFault(400, "ThrottlingException"), times: 2);

        Assert.True(await CreateStore().TryWriteAsync(Entry, Properties(("a", "1")), null, default));
        Assert.Equal(3, Fake.Requests);
    }

    [Fact]
    public async Task Throttling_that_does_not_stop_gives_a_clear_store_exception()
    {
        Fake.Fail(new FakeFault(400, "ThrottlingException"), times: 10);

        var error = await Assert.ThrowsAsync<StoreException>(() => CreateStore().ReadAsync(Entry, default));

        Assert.Equal(Entry, error.Entry);
        Assert.Contains("kept throttling ssm:GetParameter", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Fake.Requests);
    }

    [Fact]
    public async Task Access_denied_names_the_action_and_the_credentials_without_secrets()
    {
        Fake.Put(Entry, """{"password":"hunter2"}""");
        Fake.DenyAccess = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => CreateStore().ReadAsync(Entry, default));

        Assert.Contains("access denied to ssm:GetParameter", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeParameterStore.TestKey.SecretKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_string_parameter_is_refused_since_values_would_be_unencrypted()
    {
        Fake.Put(Entry, """{"a":"1"}""", type: "String");

        var error = await Assert.ThrowsAsync<StoreException>(() => CreateStore().ReadAsync(Entry, default));

        Assert.Contains("not a SecureString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_over_the_standard_tiers_4096_bytes_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => CreateStore().TryWriteAsync(Entry, Properties(("big", new string('x', 4100))), null, default));

        Assert.Contains("4,096 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Operations);
    }

    [Fact]
    public void Endpoints_follow_the_partition_and_the_ssm_variable()
    {
        var china = Aws.AwsLocation.Resolve(Aws.AwsService.ParameterStore, "cn-north-1", null, new Dictionary<string, string>());
        var fips = Aws.AwsLocation.Resolve(Aws.AwsService.ParameterStore, "us-gov-west-1", null, new Dictionary<string, string> { ["AWS_USE_FIPS_ENDPOINT"] = "true" });
        var overridden = Aws.AwsLocation.Resolve(Aws.AwsService.ParameterStore, "eu-west-1", null, new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SSM"] = "http://127.0.0.1:4566/", ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = "http://127.0.0.1:9/" });

        Assert.Equal(new Uri("https://ssm.cn-north-1.amazonaws.com.cn/"), china.ServiceEndpoint);
        Assert.Equal(new Uri("https://ssm-fips.us-gov-west-1.amazonaws.com/"), fips.ServiceEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), overridden.ServiceEndpoint);
    }

    [Fact]
    public void No_region_is_a_configuration_error_naming_the_parameterstore_setting()
    {
        var environment = Environment();
        environment.Remove("AWS_REGION");
        environment["HOME"] = "/nonexistent";

        var error = Assert.Throws<ConfigurationException>(() => CreateStore(environment: environment));

        Assert.Contains("parameterStore.region", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Latest() => JsonSerializer.Deserialize<Dictionary<string, string>>(Fake.Latest(Entry)!)!;
}
