using System.Security.Cryptography;
using System.Text;
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
    private const string AccessToken = "sso-access-token-from-aws-sso-login";
    private const string StartUrl = "https://corp.awsapps.com/start";
    private readonly string home = Home.Path;
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
        var aws = Path.Combine(home, ".aws");
        var profile = ssoSession ? "session" : "legacy";
        using var process = EnvironmentVariables.Set(
            ("HOME", home), ("AWS_PROFILE", profile), ("AWS_CONFIG_FILE", Path.Combine(aws, "config")),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(aws, "credentials")), ("AWS_ENDPOINT_URL_SSO", portal.Address.ToString()),
            ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_REGION", null),
            ("AWS_DEFAULT_REGION", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_ROLE_ARN", null), ("AWS_EC2_METADATA_DISABLED", "true"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["AWS_PROFILE"] = profile,
            ["AWS_CONFIG_FILE"] = Path.Combine(aws, "config"),
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
        };
        using var store = Create(environment);

        Assert.True(await store.TryWriteAsync("ns/app", Properties(("a", "1")), null, default));

        Assert.Equal("""{"a":"1"}""", server.Secrets.CurrentString("ns/app"));
        Assert.All(server.SigningKeys, key => Assert.Equal(roleKey.AccessKey, key));
        Assert.True(Volatile.Read(ref portalCalls) >= 1);
    }

    /// <summary>
    /// A home directory with ~/.aws/config holding both profile forms and the tokens <c>aws sso login</c> cached for
    /// them. One per test process, so that the SDK's process-wide state never points at a deleted directory.
    /// </summary>
    internal static class Home
    {
        static Home()
        {
            var aws = Directory.CreateDirectory(System.IO.Path.Combine(Path, ".aws")).FullName;
            File.WriteAllText(System.IO.Path.Combine(aws, "config"),
                $"[profile session]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Populator\nregion = {FakeAwsServer.Region}\n\n"
                + $"[sso-session corp]\nsso_start_url = {StartUrl}\nsso_region = {FakeAwsServer.Region}\nsso_registration_scopes = sso:account:access\n\n"
                + $"[profile legacy]\nsso_start_url = {StartUrl}\nsso_region = {FakeAwsServer.Region}\nsso_account_id = 123456789012\nsso_role_name = Populator\nregion = {FakeAwsServer.Region}\n");
            CacheToken(Path, "corp");
            CacheToken(Path, StartUrl);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Path, recursive: true);
        }

        public static string Path { get; } = Directory.CreateTempSubdirectory("aws-sso-home-").FullName;

    }

    /// <summary>What <c>aws sso login</c> leaves: the token under the SHA-1 of the session name (or, legacy, of the start URL).</summary>
    private static void CacheToken(string home, string key)
    {
        var cache = Directory.CreateDirectory(Path.Combine(home, ".aws", "sso", "cache")).FullName;
#pragma warning disable CA5350 // The AWS CLI names its cache files so; nothing is protected by this hash.
        var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))) + ".json";
#pragma warning restore CA5350
        var token = new JsonObject
        {
            ["startUrl"] = StartUrl,
            ["region"] = FakeAwsServer.Region,
            ["accessToken"] = AccessToken,
            ["expiresAt"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(cache, name), token.ToJsonString());
    }

    /// <summary>The SSO portal's GetRoleCredentials: GET /federation/credentials with the bearer token in x-amz-sso_bearer_token.</summary>
    private async Task AnswerPortalAsync(HttpContext context)
    {
        Interlocked.Increment(ref portalCalls);
        var request = context.Request;
        if (request.Path != "/federation/credentials" || request.Headers["x-amz-sso_bearer_token"] != AccessToken
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
