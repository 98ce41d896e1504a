using System.Globalization;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The credential source a profile's mode names, with the fields the official libraries read for it (credentials-go
/// <c>providers/cli_profile.go</c>): AK, StsToken, RamRoleArn, ChainableRamRoleArn (through <c>source_profile</c>),
/// EcsRamRole and OIDC. Modes that need a browser or a helper program (CloudSSO, OAuth, External...) are refused
/// with what to use instead.
/// </summary>
internal static class ProfileCredentialSources
{
    public const string SupportedModes = "AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole or OIDC";

    private const int MaxSourceDepth = 5;
    private const int MinRoleSeconds = 900;

    /// <summary>Whether this tool runs the profile's mode; the chain passes over one it does not, as the SDKs pass over a profile they cannot use.</summary>
    public static bool Runs(CredentialProfile profile) =>
        profile.Mode is "AK" or "StsToken" or "RamRoleArn" or "ChainableRamRoleArn" or "EcsRamRole" or "OIDC";

    public static IAlibabaCredentialSource Create(CredentialProfile profile, ChainContext chain) => Create(profile, chain, depth: 0);

    private static IAlibabaCredentialSource Create(CredentialProfile profile, ChainContext chain, int depth) => profile.Mode switch
    {
        "AK" => new StaticCredentialSource(new AlibabaCredentials(profile.Required("access_key_id"), profile.Required("access_key_secret"), null), profile.Describe),
        "StsToken" => new StaticCredentialSource(
            new AlibabaCredentials(profile.Required("access_key_id"), profile.Required("access_key_secret"), profile.Required("sts_token")), profile.Describe),
        "RamRoleArn" => AssumedRole(profile, chain, new StaticCredentialSource(
            new AlibabaCredentials(profile.Required("access_key_id"), profile.Required("access_key_secret"), profile.Optional("sts_token")), profile.Describe)),
        "ChainableRamRoleArn" => AssumedRole(profile, chain, Create(SourceOf(profile, depth), chain, depth + 1)),
        "EcsRamRole" => new EcsRamRoleCredentialSource(
            chain.Client(),
            EcsMetadataServer.FromEnvironment(chain.Environment)
                ?? throw new ConfigurationException($"alibaba: {profile.Describe} asks for the ECS RAM role, but {EcsMetadataServer.DisabledVariable} is true"),
            profile.Optional("ram_role_name") ?? chain.Value(EcsMetadataServer.RoleNameVariable)),
        "OIDC" => chain.Oidc(new OidcRole(
            profile.Required("ram_role_arn"),
            profile.Required("oidc_provider_arn"),
            profile.Required("oidc_token_file"),
            chain.SessionName(profile.Optional("ram_session_name") ?? profile.Optional("role_session_name")))),
        _ => throw new ConfigurationException(
            $"alibaba: {profile.Describe} has mode {profile.Mode}, which this tool does not run; use {SupportedModes} "
            + "(aliyun configure --mode ...), or set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
    };

    private static RamRoleArnCredentialSource AssumedRole(CredentialProfile profile, ChainContext chain, IAlibabaCredentialSource baseCredentials)
    {
        var seconds = 3600;
        if (profile.Optional("expired_seconds") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds is > 0 and < MinRoleSeconds))
        {
            // The CLI writes 0 for "not set".
            throw new ConfigurationException($"alibaba: {profile.Describe} has expired_seconds {text}; STS takes {MinRoleSeconds} or more");
        }

        var role = new RamRole(
            profile.Required("ram_role_arn"),
            chain.SessionName(profile.Optional("ram_session_name")),
            seconds == 0 ? 3600 : seconds,
            profile.Optional("external_id"),
            profile.Optional("policy"));
        return new RamRoleArnCredentialSource(chain.SignedClient(), chain.Location.StsEndpoint, baseCredentials, role);
    }

    private static CredentialProfile SourceOf(CredentialProfile profile, int depth)
    {
        profile.Required("source_profile");
        return depth < MaxSourceDepth && profile.Source is { } source
            ? source()
            : throw new ConfigurationException($"alibaba: {profile.Describe} chains through more than {MaxSourceDepth} source profiles; is there a loop?");
    }
}
