using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// A home directory with ~/.aws/config holding both profile forms of IAM Identity Center (the <c>sso_session</c> form,
/// profile "session", and the legacy <c>sso_*</c> keys, profile "legacy") and the tokens <c>aws sso login</c> cached
/// for them. One per test process, so that the SDK's process-wide state never points at a deleted directory.
/// </summary>
internal static class SsoHome
{
    public const string AccessToken = "sso-access-token-from-aws-sso-login";
    private const string StartUrl = "https://corp.awsapps.com/start";

    static SsoHome()
    {
        File.WriteAllText(System.IO.Path.Combine(Aws, "config"),
            $"[profile session]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Populator\nregion = {FakeAwsServer.Region}\n\n"
            + $"[sso-session corp]\nsso_start_url = {StartUrl}\nsso_region = {FakeAwsServer.Region}\nsso_registration_scopes = sso:account:access\n\n"
            + $"[profile legacy]\nsso_start_url = {StartUrl}\nsso_region = {FakeAwsServer.Region}\nsso_account_id = 123456789012\nsso_role_name = Populator\nregion = {FakeAwsServer.Region}\n");
        CacheToken("corp");
        CacheToken(StartUrl);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Path, recursive: true);
    }

    public static string Path { get; } = Directory.CreateTempSubdirectory("aws-sso-home-").FullName;

    private static string Aws => Directory.CreateDirectory(System.IO.Path.Combine(Path, ".aws")).FullName;

    /// <summary>
    /// The process environment the SDK's default chain reads for <paramref name="profile"/>: this home and its config,
    /// the SSO portal at <paramref name="portal"/>, no region (the profile's is used) and no other credential source.
    /// </summary>
    public static IDisposable UseProfile(string profile, Uri portal) =>
        DefaultChainSources.Only(Aws, ("HOME", Path), ("AWS_PROFILE", profile), ("AWS_ENDPOINT_URL_SSO", portal.ToString()));

    /// <summary>The environment the store is made with for <paramref name="profile"/>, against <paramref name="server"/>.</summary>
    public static Dictionary<string, string> StoreEnvironment(string profile, FakeAwsServer server) => new(StringComparer.Ordinal)
    {
        ["HOME"] = Path,
        ["AWS_PROFILE"] = profile,
        ["AWS_CONFIG_FILE"] = System.IO.Path.Combine(Aws, "config"),
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
    };

    /// <summary>What <c>aws sso login</c> leaves: the token under the SHA-1 of the session name (or, legacy, of the start URL).</summary>
    private static void CacheToken(string key)
    {
        var cache = Directory.CreateDirectory(System.IO.Path.Combine(Aws, "sso", "cache")).FullName;
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
        File.WriteAllText(System.IO.Path.Combine(cache, name), token.ToJsonString());
    }
}
