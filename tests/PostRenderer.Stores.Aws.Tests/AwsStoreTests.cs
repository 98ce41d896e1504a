using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

public sealed class AwsStoreTests : AgainstAws
{
    [Fact]
    public async Task Reading_an_absent_entry_returns_null()
    {
        Assert.Null(await Store.ReadAsync("ns/missing", default));
        Assert.Equal(["GetSecretValue"], Server.Operations);
    }

    [Fact]
    public async Task Creates_an_absent_entry_as_one_json_object_and_reads_it_back_with_its_version()
    {
        Assert.True(await Store.TryWriteAsync("ns/app", Properties(("username", "admin"), ("password", "s3cr3t")), null, default));

        Assert.Equal("""{"password":"s3cr3t","username":"admin"}""", Server.Secrets.CurrentString("ns/app"));
        var read = await Store.ReadAsync("ns/app", default);
        Assert.NotNull(read);
        Assert.Equal("admin", read.Properties["username"]);
        Assert.Equal("s3cr3t", read.Properties["password"]);
        Assert.Equal(Server.Secrets.CurrentVersionId("ns/app"), read.Version);
        Assert.Contains("CreateSecret", Server.Operations);
    }

    [Fact]
    public async Task Reads_an_existing_entry()
    {
        Server.Secrets.Seed("ns/db", """{"url":"postgres://db","tls.crt":"abc"}""");

        var read = await Store.ReadAsync("ns/db", default);

        Assert.NotNull(read);
        Assert.Equal(2, read.Properties.Count);
        Assert.Equal("abc", read.Properties["tls.crt"]);
    }

    [Fact]
    public async Task Creating_an_entry_that_exists_meanwhile_returns_false_and_keeps_it()
    {
        Server.Secrets.Seed("ns/app", """{"a":"1"}""");

        Assert.False(await Store.TryWriteAsync("ns/app", Properties(("b", "2")), null, default));
        Assert.Equal("""{"a":"1"}""", Server.Secrets.CurrentString("ns/app"));
    }

    [Fact]
    public async Task Writing_with_the_current_version_succeeds_and_makes_a_new_current_version()
    {
        Server.Secrets.Seed("ns/app", """{"a":"1"}""");
        var read = await Store.ReadAsync("ns/app", default);

        Assert.True(await Store.TryWriteAsync("ns/app", Properties(("a", "1"), ("b", "2")), read, default));

        Assert.Equal("""{"a":"1","b":"2"}""", Server.Secrets.CurrentString("ns/app"));
        Assert.Equal(2, Server.Secrets.VersionCount("ns/app"));
        Assert.NotEqual(read!.Version, Server.Secrets.CurrentVersionId("ns/app"));
        Assert.Equal(["GetSecretValue", "PutSecretValue", "UpdateSecretVersionStage"], Server.Operations);
    }

    [Fact]
    public async Task Writing_with_a_stale_version_returns_false_and_makes_nothing_current()
    {
        Server.Secrets.Seed("ns/app", """{"a":"1"}""");
        var stale = await Store.ReadAsync("ns/app", default);
        Server.Secrets.Seed("ns/app", """{"a":"1","other":"x"}""");

        Assert.False(await Store.TryWriteAsync("ns/app", Properties(("a", "1"), ("b", "2")), stale, default));

        Assert.Equal("""{"a":"1","other":"x"}""", Server.Secrets.CurrentString("ns/app"));
    }

    [Fact]
    public async Task Writing_an_entry_deleted_since_it_was_read_returns_false()
    {
        var ghost = new StoreEntry(Properties(("a", "1")), "0b7e5ad7-0000-0000-0000-000000000000");

        Assert.False(await Store.TryWriteAsync("ns/gone", Properties(("a", "1")), ghost, default));
    }

    [Fact]
    public async Task Binary_base64_values_and_awkward_text_round_trip()
    {
        var binary = Convert.ToBase64String([0, 1, 2, 0xFF, 0xFE, 0x80, (byte)'"', (byte)'\\']);
        var written = Properties(("blob", binary), ("quote", "he said \"hi\"\n\\ <&> ü ✓"), ("empty", ""));

        Assert.True(await Store.TryWriteAsync("ns/bin", written, null, default));
        var read = await Store.ReadAsync("ns/bin", default);

        Assert.NotNull(read);
        Assert.Equal(written, read.Properties);
        Assert.Equal([0, 1, 2, 0xFF, 0xFE, 0x80, (byte)'"', (byte)'\\'], Convert.FromBase64String(read.Properties["blob"]));
    }

    [Fact]
    public async Task Http_429_with_retry_after_is_retried_after_the_delay_asked_for()
    {
        Server.Fail(new FakeFault(429, RetryAfter: TimeSpan.FromSeconds(1)));
        var started = DateTime.UtcNow;

        Assert.True(await Store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(900));
        Assert.Equal(2, Server.Requests);
    }

    [Fact]
    public async Task Http_5xx_is_retried_then_succeeds()
    {
        Server.Fail(new FakeFault(500, "InternalServiceError"), times: 2);
        Server.Fail(new FakeFault(503));

        Assert.Null(await Store.ReadAsync("ns/app", default));
        Assert.Equal(4, Server.Requests);
    }

    [Fact]
    public async Task Throttling_exception_with_http_400_is_retried_then_succeeds()
    {
        Server.Fail(new FakeFault(400, "ThrottlingException"), times: 2);

        Assert.True(await Store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));
        Assert.Equal(3, Server.Requests);
    }

    [Fact]
    public async Task Throttling_that_does_not_stop_gives_a_clear_store_exception()
    {
        Server.Fail(new FakeFault(400, "ThrottlingException"), times: 10);

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.ReadAsync("ns/app", default));

        Assert.Contains("ns/app", error.Message);
        Assert.Contains("ThrottlingException", error.Message);
        Assert.Equal(4, Server.Requests);
    }

    [Fact]
    public async Task A_write_applied_but_answered_with_500_is_retried_idempotently()
    {
        Server.Secrets.Seed("ns/app", """{"a":"1"}""");
        var read = await Store.ReadAsync("ns/app", default);
        Server.Fail(new FakeFault(500, AfterApplying: true), times: 2); // DescribeSecret's answer lost too: harmless.

        Assert.True(await Store.TryWriteAsync("ns/app", Properties(("a", "1"), ("b", "2")), read, default));

        Assert.Equal(2, Server.Secrets.VersionCount("ns/app"));
        Assert.Equal("""{"a":"1","b":"2"}""", Server.Secrets.CurrentString("ns/app"));
    }

    [Fact]
    public async Task A_create_applied_but_answered_with_500_is_retried_idempotently()
    {
        Server.Fail(new FakeFault(502, AfterApplying: true));

        Assert.True(await Store.TryWriteAsync("ns/new", Properties(("a", "1")), null, default));
        Assert.Equal(1, Server.Secrets.VersionCount("ns/new"));
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_gives_a_store_exception_naming_the_timeout()
    {
        using var slow = Create(Server, new() { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });
        Server.Delay = TimeSpan.FromSeconds(3);

        var error = await Assert.ThrowsAsync<StoreException>(() => slow.ReadAsync("ns/app", default));

        Assert.Contains("ns/app", error.Message);
        Assert.Contains("within 0.3s", error.Message);
        Assert.Contains("tried 2 times", error.Message);
    }

    [Fact]
    public async Task Access_denied_names_the_action_and_the_credentials_without_secrets()
    {
        Server.Secrets.Seed("ns/app", """{"password":"hunter2"}""");
        Server.DenyAccess = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.ReadAsync("ns/app", default));

        Assert.Contains("access denied to secretsmanager:GetSecretValue", error.Message);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message);
        Assert.Contains("IAM policy", error.Message);
        AssertNoSecrets(error);
    }

    [Fact]
    public async Task A_binary_secret_gives_a_clear_store_exception()
    {
        Server.Secrets.Seed("ns/binary", null, Convert.ToBase64String([1, 2, 3]));

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.ReadAsync("ns/binary", default));

        Assert.Contains("SecretBinary", error.Message);
    }

    [Fact]
    public async Task A_secret_scheduled_for_deletion_gives_a_store_exception_saying_what_to_do()
    {
        Server.Secrets.Seed("ns/app", """{"a":"1"}""");
        Server.Secrets.ScheduleDeletion("ns/app");

        var reading = await Assert.ThrowsAsync<StoreException>(() => Store.ReadAsync("ns/app", default));
        var creating = await Assert.ThrowsAsync<StoreException>(() => Store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));

        Assert.Contains("scheduled for deletion", reading.Message);
        Assert.Contains("restore-secret", creating.Message);
    }

    [Fact]
    public async Task Two_writers_racing_with_read_merge_write_loops_lose_nothing()
    {
        using var other = Create(Server);
        for (var round = 0; round < 10; round++)
        {
            var entry = $"ns/shared{round}";
            var first = Enumerable.Range(0, 4).ToDictionary(i => $"first{i}", i => $"value{i}");
            var second = Enumerable.Range(0, 4).ToDictionary(i => $"second{i}", i => $"value{i}");

            await Task.WhenAll(EntryPopulation.AddMissingAsync(Store, entry, first), EntryPopulation.AddMissingAsync(other, entry, second));

            var final = await Store.ReadAsync(entry, default);
            Assert.NotNull(final);
            Assert.Equal(8, final.Properties.Count);
            Assert.All(first.Concat(second), pair => Assert.Equal(pair.Value, final.Properties[pair.Key]));
        }
    }

    private static void AssertNoSecrets(Exception error)
    {
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, error.ToString());
        Assert.DoesNotContain(FakeAwsServer.TestKey.AccessKey, error.ToString());
        Assert.DoesNotContain("hunter2", error.ToString());
    }
}
