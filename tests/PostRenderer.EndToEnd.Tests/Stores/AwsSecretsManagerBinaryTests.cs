using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary against the fake Secrets Manager (AWS_ENDPOINT_URL_SECRETS_MANAGER), with SigV4 checked by
/// the fake: static keys from the environment, a role assumed with STS (AWS_ENDPOINT_URL_STS), web identity (IRSA:
/// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, exchanged with STS AssumeRoleWithWebIdentity), and container
/// credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI on the loopback address, as ECS and EKS Pod Identity give them).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class AwsSecretsManagerBinaryTests
{
    private const string Role = "arn:aws:iam::123456789012:role/e2e-seeder";

    [Fact]
    public async Task Static_keys_from_the_environment_populate_once()
    {
        await using var server = await FakeAwsServer.StartAsync();
        using var roundTrip = Aws(server, FakeAwsServer.TestKey);

        await AssertRoundTripAsync(server, roundTrip);

        Assert.All(server.SigningKeys, key => Assert.Equal(FakeAwsServer.TestKey.AccessKey, key));
    }

    [Fact]
    public async Task A_role_assumed_with_sts_signs_the_secrets_manager_requests()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AssumableRole = Role;
        using var roundTrip = Aws(server, FakeAwsServer.TestKey);
        roundTrip.Variables.Set("AWS_ENDPOINT_URL_STS", server.Endpoint.ToString()).Set("SECRET_POSTRENDERER_AWS__ROLE_ARN", Role);

        await AssertRoundTripAsync(server, roundTrip);

        Assert.Contains("sts:AssumeRole", server.Operations);
        Assert.DoesNotContain(FakeAwsServer.TestKey.AccessKey, server.SigningKeys);
    }

    [Fact]
    public async Task A_web_identity_token_is_exchanged_with_sts_and_populates_once()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AssumableRole = Role;
        server.WebIdentityToken = "eyJ.e2e-irsa-service-account.token";
        using var roundTrip = Aws(server, key: null);
        roundTrip.Variables.Set("AWS_ENDPOINT_URL_STS", server.Endpoint.ToString())
            .Set("AWS_ROLE_ARN", Role)
            .Set("AWS_WEB_IDENTITY_TOKEN_FILE", roundTrip.WriteFile("irsa-token", server.WebIdentityToken));

        await AssertRoundTripAsync(server, roundTrip);

        Assert.Contains("sts:AssumeRoleWithWebIdentity", server.Operations);
        Assert.NotEmpty(server.SigningKeys);
        Assert.All(server.SigningKeys, key => Assert.StartsWith("ASIA", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Container_credentials_from_a_loopback_endpoint_populate_once()
    {
        await using var server = await FakeAwsServer.StartAsync();
        var container = new FakeAwsKey("ASIAE2ECONTAINERKEY1", "e2e/container+secret/key/0123456789abcdef", "e2e-container-session-token");
        server.AddKey(container);
        var requests = 0;
        await using var endpoint = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            var allowed = context.Request.Headers.Authorization == "e2e-container-authorization";
            context.Response.StatusCode = allowed ? 200 : 401;
            await context.Response.WriteAsync(new JsonObject
            {
                ["AccessKeyId"] = container.AccessKey,
                ["SecretAccessKey"] = container.SecretKey,
                ["Token"] = container.SessionToken,
                ["Expiration"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString());
        });
        using var roundTrip = Aws(server, key: null);
        roundTrip.Variables.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(endpoint.Address, "v2/credentials").ToString())
            .Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "e2e-container-authorization");

        await AssertRoundTripAsync(server, roundTrip);

        Assert.True(requests >= 2, "each run asks the container endpoint");
        Assert.All(server.SigningKeys, key => Assert.Equal(container.AccessKey, key));
    }

    private static StoreRoundTrip Aws(FakeAwsServer server, FakeAwsKey? key)
    {
        var roundTrip = new StoreRoundTrip("aws");
        roundTrip.Variables.Set("AWS_REGION", FakeAwsServer.Region).Set("AWS_ENDPOINT_URL_SECRETS_MANAGER", server.Endpoint.ToString());
        if (key is not null)
        {
            roundTrip.Variables.Set("AWS_ACCESS_KEY_ID", key.AccessKey).Set("AWS_SECRET_ACCESS_KEY", key.SecretKey);
        }

        return roundTrip;
    }

    private static Task AssertRoundTripAsync(FakeAwsServer server, StoreRoundTrip roundTrip) =>
        roundTrip.AssertCreatedThenPresentAsync(
            () => server.Secrets.CurrentString(StoreRoundTrip.Entry) is { } json ? JsonNode.Parse(json)?[StoreRoundTrip.Key]?.GetValue<string>() : null,
            () => server.Secrets.VersionCount(StoreRoundTrip.Entry));
}
