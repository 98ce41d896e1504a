using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

public sealed class AwsAuthenticationTests : AgainstAws
{
    private const string Role = "arn:aws:iam::123456789012:role/populator";

    [Fact]
    public async Task A_wrong_secret_key_is_rejected_with_a_clear_store_exception()
    {
        var wrong = FakeAwsServer.TestKey with { SecretKey = "not/the/right/secret/key/at/all/00000000" };
        using var store = Create(Environment(Server, wrong));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("ns/app", default));

        Assert.Contains("ns/app", error.Message);
        Assert.Contains("InvalidSignatureException", error.Message);
        Assert.Contains("secret access key", error.Message);
        Assert.Contains("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", error.Message);
        Assert.Contains("AKIA...2345", error.Message);
        Assert.DoesNotContain(wrong.SecretKey, error.ToString());
        Assert.Equal(1, Server.Requests); // An auth failure is not retried.
    }

    [Fact]
    public async Task An_unknown_access_key_is_rejected_with_a_clear_store_exception()
    {
        using var store = Create(Environment(Server, new FakeAwsKey("AKIAUNKNOWNKEY000000", "whatever-secret-key-value")));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("ns/app", Properties(("password", "hunter2")), null, default));

        Assert.Contains("does not recognise the access key", error.Message);
        Assert.DoesNotContain("whatever-secret-key-value", error.ToString());
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public async Task The_fake_rejects_a_request_changed_after_signing()
    {
        var location = AwsLocation.Resolve(new AwsSettings { Region = FakeAwsServer.Region, Endpoint = Server.Endpoint.ToString() }, new Dictionary<string, string>());
        var http = new StoreHttp(Fast).CreateClient("aws", new BodyTampering { InnerHandler = new SocketsHttpHandler() });
        using var store = new AwsStore(new SecretsManagerClient(http, AwsCredentialChain.Resolve(Environment(Server), new StoreHttp(Fast)), location, retries: 0), reporter: null);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("ns/app", default));

        Assert.Contains("InvalidSignatureException", error.Message);
    }

    [Fact]
    public async Task A_session_token_from_the_environment_is_sent_and_signed()
    {
        var temporary = new FakeAwsKey("ASIATEMPORARYKEY0001", "temporary-secret", "session-token-value");
        Server.AddKey(temporary);
        var environment = Environment(Server, temporary);
        environment["AWS_SESSION_TOKEN"] = temporary.SessionToken!;
        using var store = Create(environment);

        Assert.Null(await store.ReadAsync("ns/app", default));

        environment.Remove("AWS_SESSION_TOKEN");
        using var withoutToken = Create(environment);
        var error = await Assert.ThrowsAsync<StoreException>(() => withoutToken.ReadAsync("ns/app", default));
        Assert.Contains("UnrecognizedClientException", error.Message);
    }

    [Fact]
    public async Task A_role_is_assumed_at_the_sts_endpoint_override_and_its_credentials_sign_the_requests()
    {
        Server.AssumableRole = Role;
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_STS"] = Server.Endpoint.ToString();
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/"; // Discard port: used by nobody if overrides win.
        using var store = Create(environment, new AwsSettings { RoleArn = Role });

        Assert.True(await store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));
        Assert.NotNull(await store.ReadAsync("ns/app", default));

        Assert.Equal(["sts:AssumeRole", "CreateSecret", "GetSecretValue"], Server.Operations);
        Assert.All(Server.SigningKeys, key => Assert.StartsWith("ASIA", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_gives_a_store_exception_naming_the_role()
    {
        Server.AssumableRole = "arn:aws:iam::123456789012:role/someone-else";
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL"] = Server.Endpoint.ToString();
        using var store = Create(environment, new AwsSettings { RoleArn = Role }, new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("ns/app", default));

        Assert.Contains(Role, error.Message);
        Assert.Contains("AccessDenied", error.Message);
        Assert.Contains("trust policy", error.Message);
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, error.ToString());
    }

    [Fact]
    public void Half_of_an_access_key_pair_is_a_configuration_error()
    {
        var environment = Environment(Server);
        environment.Remove("AWS_SECRET_ACCESS_KEY");

        var error = Assert.Throws<ConfigurationException>(() => Create(environment));

        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message);
    }

    /// <summary>Changes the body after the request was signed, as a broken proxy would.</summary>
    private sealed class BodyTampering : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var tampered = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("ns/app", "ns/other", StringComparison.Ordinal)));
            tampered.Headers.ContentType = request.Content.Headers.ContentType;
            request.Content = tampered;
            request.Headers.Remove("X-Amz-Content-SHA256");
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
