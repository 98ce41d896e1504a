using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 18 item 8: IAM Identity Center profiles (<c>aws sso login</c>), both the <c>sso_session</c> form and the legacy
/// <c>sso_*</c> keys. The token <c>aws sso login</c> cached in <c>~/.aws/sso/cache</c> is exchanged at a fake SSO portal
/// (GetRoleCredentials over real HTTP, <c>AWS_ENDPOINT_URL_SSO</c>) for role credentials, which sign the Secrets
/// Manager requests; the profile's region is used since AWS_REGION is unset. In a test project of its own: AWSSDK.Core
/// keeps which config file and profiles it read in process-wide state that other tests' SDK clients fill first.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class SsoProfileTests : IAsyncLifetime
{
    private readonly FakeAwsKey roleKey = new("ASIASSOROLE" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
    private FakeAwsServer server = null!;
    private LoopbackServer portal = null!;
    private int portalCalls;

    public async Task InitializeAsync()
    {
        server = await FakeAwsServer.StartAsync();
        server.AddKey(roleKey);
        portal = await LoopbackServer.StartAsync(AnswerPortalAsync);
    }

    public async Task DisposeAsync()
    {
        await portal.DisposeAsync();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_profile_of_aws_sso_login_signs_with_the_role_credentials_in_the_profiles_region(bool ssoSession)
    {
        var profile = ssoSession ? "session" : "legacy";
        using var process = SsoHome.UseProfile(profile, portal.Address);
        var environment = SsoHome.StoreEnvironment(profile, server);
        using var store = Create(environment);

        Assert.True(await store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));

        Assert.Equal("""{"a":"1"}""", server.Secrets.CurrentString("ns/app"));
        Assert.All(server.SigningKeys, key => Assert.Equal(roleKey.AccessKey, key));
        Assert.True(Volatile.Read(ref portalCalls) >= 1);
    }

    /// <summary>The SSO portal's GetRoleCredentials: GET /federation/credentials with the bearer token in x-amz-sso_bearer_token.</summary>
    private async Task AnswerPortalAsync(HttpContext context)
    {
        Interlocked.Increment(ref portalCalls);
        var request = context.Request;
        if (request.Path != "/federation/credentials" || request.Headers["x-amz-sso_bearer_token"] != SsoHome.AccessToken
            || request.Query["account_id"] != "123456789012" || request.Query["role_name"] != "Populator")
        {
            context.Response.StatusCode = 401;
            context.Response.Headers["x-amzn-ErrorType"] = "UnauthorizedException";
            await context.Response.WriteAsync("""{"message":"Session token not found or invalid"}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = roleKey.AccessKey,
                ["secretAccessKey"] = roleKey.SecretKey,
                ["sessionToken"] = roleKey.SessionToken,
                ["expiration"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds(),
            },
        }.ToJsonString());
    }
}
