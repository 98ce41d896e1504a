using System.Net;
using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

public sealed class GcpStoreTests : AgainstGcp
{
    private const string Password = "s3cr3t-P@ssw0rd-value";

    [Fact]
    public async Task Read_returns_null_when_the_secret_does_not_exist()
    {
        var store = Harness.CreateStore();

        Assert.Null(await store.ReadAsync("db-creds", default));
        Assert.Equal("gcp", store.Name);
        Assert.False(store.HasCompareAndSet);
    }

    [Fact]
    public async Task Creates_an_absent_entry_with_automatic_replication_and_one_version()
    {
        var store = Harness.CreateStore();

        Assert.True(await store.TryWriteAsync("db-creds", Props(("username", "admin"), ("password", Password)), null, default));

        Assert.Equal("{\"automatic\":{}}", Fake.Replication("db-creds"));
        Assert.Equal(1, Fake.VersionCount("db-creds"));
        Assert.Equal("{\"password\":\"s3cr3t-P@ssw0rd-value\",\"username\":\"admin\"}", Fake.LatestJson("db-creds")!.ToJsonString());
        var read = await store.ReadAsync("db-creds", default);
        Assert.NotNull(read);
        Assert.Equal("1", read.Version);
        Assert.Equal(Password, read.Properties["password"]);
        Assert.Equal("admin", read.Properties["username"]);
    }

    [Fact]
    public async Task Creates_user_managed_replicas_when_locations_are_configured()
    {
        var store = Harness.CreateStore(replicaLocations: ["europe-west1", "us-east1"]);

        Assert.True(await store.TryWriteAsync("db-creds", Props(("a", "b")), null, default));

        Assert.Equal("{\"userManaged\":{\"replicas\":[{\"location\":\"europe-west1\"},{\"location\":\"us-east1\"}]}}", Fake.Replication("db-creds"));
    }

    [Fact]
    public async Task Reads_an_existing_entry_with_its_version()
    {
        Fake.AddVersion("app", "{\"old\":\"x\"}");
        Fake.AddVersion("app", "{\"token\":\"abc\",\"tls.crt\":\"pem\"}");
        var store = Harness.CreateStore();

        var read = await store.ReadAsync("app", default);

        Assert.NotNull(read);
        Assert.Equal("2", read.Version);
        Assert.Equal(2, read.Properties.Count);
        Assert.Equal("pem", read.Properties["tls.crt"]);
    }

    [Fact]
    public async Task Writing_with_the_current_version_adds_a_version()
    {
        var store = Harness.CreateStore();
        await store.TryWriteAsync("app", Props(("a", "1")), null, default);
        var current = await store.ReadAsync("app", default);

        Assert.True(await store.TryWriteAsync("app", Props(("a", "1"), ("b", "2")), current, default));

        var read = await store.ReadAsync("app", default);
        Assert.Equal("2", read!.Version);
        Assert.Equal("2", read.Properties["b"]);
    }

    [Fact]
    public async Task Writing_with_a_stale_version_returns_false_and_changes_nothing()
    {
        var store = Harness.CreateStore();
        await store.TryWriteAsync("app", Props(("a", "1")), null, default);
        var stale = await store.ReadAsync("app", default);
        Fake.AddVersion("app", "{\"a\":\"1\",\"other\":\"writer\"}");

        Assert.False(await store.TryWriteAsync("app", Props(("a", "1"), ("b", "2")), stale, default));

        Assert.Equal(2, Fake.VersionCount("app"));
        Assert.Equal("writer", (await store.ReadAsync("app", default))!.Properties["other"]);
    }

    [Fact]
    public async Task Writing_with_a_version_when_the_entry_was_deleted_returns_false()
    {
        var store = Harness.CreateStore();
        var phantom = new StoreEntry(Props(("a", "1")), "3");

        Assert.False(await store.TryWriteAsync("gone", Props(("a", "1"), ("b", "2")), phantom, default));
        Assert.Equal(0, Fake.VersionCount("gone"));
    }

    [Fact]
    public async Task Creating_returns_false_when_the_entry_was_created_meanwhile()
    {
        var store = Harness.CreateStore();
        Assert.Null(await store.ReadAsync("app", default));
        Fake.AddVersion("app", "{\"first\":\"writer\"}");

        Assert.False(await store.TryWriteAsync("app", Props(("mine", "1")), null, default));

        Assert.Equal(1, Fake.VersionCount("app"));
    }

    [Fact]
    public async Task Creating_fills_a_secret_that_exists_without_versions()
    {
        // An interrupted run (or a create without addVersion permission) leaves the secret with no versions; reads say absent.
        Fake.CreateSecret("app");
        var store = Harness.CreateStore();
        Assert.Null(await store.ReadAsync("app", default));

        Assert.True(await store.TryWriteAsync("app", Props(("k", "v")), null, default));

        Assert.Equal("v", (await store.ReadAsync("app", default))!.Properties["k"]);
    }

    [Fact]
    public async Task A_version_added_between_the_recheck_and_the_write_is_merged_back_in()
    {
        var store = Harness.CreateStore();
        await store.TryWriteAsync("app", Props(("a", "1")), null, default);
        var current = await store.ReadAsync("app", default);
        var interleaved = false;
        Fake.BeforeAddVersion = secret =>
        {
            if (!interleaved)
            {
                interleaved = true;
                Fake.AddVersion(secret, "{\"a\":\"1\",\"theirs\":\"t\",\"b\":\"their-b\"}");
            }
        };

        Assert.True(await store.TryWriteAsync("app", Props(("a", "1"), ("b", "2")), current, default));

        var latest = Fake.LatestJson("app")!;
        Assert.Equal(4, Fake.VersionCount("app"));
        Assert.Equal("t", latest["theirs"]!.GetValue<string>());
        Assert.Equal("2", latest["b"]!.GetValue<string>());
    }

    [Fact]
    public async Task Binary_values_as_base64_round_trip()
    {
        var bytes = new byte[1024];
        new Random(42).NextBytes(bytes);
        var encoded = Convert.ToBase64String(bytes);
        var store = Harness.CreateStore();

        await store.TryWriteAsync("blob", Props(("keystore.p12", encoded), ("note", "ünïcødé \"quoted\" \n line")), null, default);
        var read = await store.ReadAsync("blob", default);

        Assert.Equal(bytes, Convert.FromBase64String(read!.Properties["keystore.p12"]));
        Assert.Equal("ünïcødé \"quoted\" \n line", read.Properties["note"]);
    }

    [Fact]
    public async Task Retries_429_with_Retry_After_and_then_succeeds()
    {
        var store = Harness.CreateStore(retries: 3);
        Fake.RetryAfterSeconds = 1;
        Fake.FailNext(1, HttpStatusCode.TooManyRequests);
        var started = DateTime.UtcNow;

        Assert.True(await store.TryWriteAsync("app", Props(("a", "1")), null, default));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.95), "Retry-After was not honoured");
        Assert.Equal(3, Fake.SecretRequests); // throttled, create, addVersion
        Assert.Equal(1, Fake.VersionCount("app"));
    }

    [Fact]
    public async Task Retries_server_errors_and_then_succeeds()
    {
        Fake.AddVersion("app", "{\"a\":\"1\"}");
        var store = Harness.CreateStore(retries: 3);
        Fake.FailNext(2, HttpStatusCode.InternalServerError);

        var read = await store.ReadAsync("app", default);

        Assert.Equal("1", read!.Properties["a"]);
        Assert.Equal(3, Fake.SecretRequests);
    }

    [Fact]
    public async Task Token_requests_are_retried_too()
    {
        var store = Harness.CreateStore(retries: 3);
        Fake.FailNextTokenRequests(2);

        Assert.Null(await store.ReadAsync("app", default));

        Assert.Equal(3, Fake.TokenRequests);
    }

    [Fact]
    public async Task Gives_up_after_the_retries_with_the_last_error()
    {
        var store = Harness.CreateStore(retries: 1);
        Fake.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal("app", error.Entry);
    }

    [Fact]
    public async Task Permission_denied_names_the_account_and_the_roles_but_no_secret()
    {
        var store = Harness.CreateStore();
        Fake.DenyPermission = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("app", Props(("password", Password)), null, default));

        Assert.Equal("gcp", error.Store);
        Assert.Contains("PERMISSION_DENIED", error.Message, StringComparison.Ordinal);
        Assert.Contains(ServiceAccountKeyFile.ClientEmail, error.Message, StringComparison.Ordinal);
        Assert.Contains("roles/secretmanager", error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeSecretManager.Project, error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error);
    }

    [Fact]
    public async Task A_key_the_token_endpoint_rejects_gives_a_clear_error()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        Fake.TrustedKey = other; // the key was deleted or rotated: signatures no longer verify
        var store = Harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("access token", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Contains(Harness.Key.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(ServiceAccountKeyFile.ClientEmail, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.SecretRequests);
        AssertNoSecrets(error);
    }

    [Fact]
    public async Task A_rejected_access_token_gives_UNAUTHENTICATED_with_advice()
    {
        var store = Harness.CreateStore();
        Fake.RejectBearerTokens = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("UNAUTHENTICATED", error.Message, StringComparison.Ordinal);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_fails_naming_the_timeout()
    {
        var store = Harness.CreateStore(timeout: TimeSpan.FromMilliseconds(300), retries: 1);
        await store.ReadAsync("warm-up", default); // token fetched before the service slows down
        Fake.Delay = TimeSpan.FromSeconds(5);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("within 0.3s", error.Message, StringComparison.Ordinal);
        Assert.Contains("tried 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_endpoint_slower_than_the_timeout_fails_naming_the_timeout()
    {
        var store = Harness.CreateStore(timeout: TimeSpan.FromMilliseconds(300), retries: 0);
        Fake.TokenDelay = TimeSpan.FromSeconds(5);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("within 0.3s", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.SecretRequests);
    }

    [Fact]
    public async Task The_access_token_is_fetched_once_and_reused()
    {
        var store = Harness.CreateStore();

        for (var i = 0; i < 5; i++)
        {
            await store.TryWriteAsync($"entry-{i}", Props(("k", "v")), null, default);
            await store.ReadAsync($"entry-{i}", default);
        }

        Assert.Equal(1, Fake.TokenRequests);
    }

    [Fact]
    public async Task Two_concurrent_writers_lose_nothing()
    {
        var first = Harness.CreateStore();
        var second = Harness.CreateStore();
        var entries = Enumerable.Range(0, 8).Select(i => $"shared-{i}").ToList();

        async Task WriterAsync(ISecretStore store, string prefix)
        {
            foreach (var key in Enumerable.Range(0, 10).Select(i => $"{prefix}-{i}"))
            {
                await Task.WhenAll(entries.Select(entry => EntryPopulation.AddMissingAsync(store, entry, Props((key, key + "-value")))));
            }
        }

        await Task.WhenAll(Task.Run(() => WriterAsync(first, "one")), Task.Run(() => WriterAsync(second, "two")));

        foreach (var entry in entries)
        {
            var final = (await first.ReadAsync(entry, default))!.Properties;
            Assert.Equal(20, final.Count);
            Assert.All(final, pair => Assert.Equal(pair.Key + "-value", pair.Value));
        }
    }

    private static Dictionary<string, string> Props(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value);

    private void AssertNoSecrets(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ya29.", e.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.Key.PrivateKeyPem.Split('\n')[1], error.ToString(), StringComparison.Ordinal);
    }
}
