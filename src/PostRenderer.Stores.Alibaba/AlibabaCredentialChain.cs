using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The Alibaba Cloud default credential chain, in the official libraries' order (credentials-go
/// <c>providers/default.go</c>, credentials-python <c>provider/default.py</c>): the AccessKey in the environment, RRSA
/// (the OIDC token file and role the ACK webhook injects), the CLI configuration's profile
/// (<c>~/.aliyun/config.json</c>), the credentials file's profile (<c>~/.alibabacloud/credentials</c>), then the RAM
/// role of the ECS instance from its metadata service. The first source that is configured is used; a source
/// configured wrongly is a configuration error, not a reason to try the next.
/// </summary>
internal static class AlibabaCredentialChain
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";
    public const string RoleArnVariable = "ALIBABA_CLOUD_ROLE_ARN";
    public const string ProviderArnVariable = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public const string TokenFileVariable = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    public const string SessionNameVariable = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    public const string CredentialsFileVariable = "ALIBABA_CLOUD_CREDENTIALS_FILE";
    public const string ConfigFileVariable = "ALIBABA_CLOUD_CONFIG_FILE";
    public const string CliProfileDisabledVariable = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
    public const string ProfileVariable = "ALIBABA_CLOUD_PROFILE";

    public static IAlibabaCredentialSource Resolve(IReadOnlyDictionary<string, string> environment, AlibabaLocation location, StoreHttp http)
    {
        var chain = new ChainContext(environment, location, http);
        return (IAlibabaCredentialSource?)FromEnvironment(chain)
            ?? (IAlibabaCredentialSource?)FromRrsa(chain)
            ?? FromCliConfig(chain)
            ?? FromCredentialsFile(chain)
            ?? FromInstanceRole(chain)
            ?? throw new ConfigurationException(NoCredentials(chain, $"the ECS RAM role ({EcsMetadataServer.DisabledVariable} is true)"));
    }

    private static StaticCredentialSource? FromEnvironment(ChainContext chain)
    {
        var id = chain.Value(AccessKeyIdVariable);
        var secret = chain.Value(AccessKeySecretVariable);
        if (id is null && secret is null)
        {
            return null;
        }

        if (id is null || secret is null)
        {
            throw new ConfigurationException($"alibaba: {(id is null ? AccessKeyIdVariable : AccessKeySecretVariable)} is not set although {(id is null ? AccessKeySecretVariable : AccessKeyIdVariable)} is; set both");
        }

        var token = chain.Value(SecurityTokenVariable);
        return new StaticCredentialSource(new AlibabaCredentials(id, secret, token), token is null ? AccessKeyIdVariable : $"{AccessKeyIdVariable} with {SecurityTokenVariable}");
    }

    private static OidcRoleCredentialSource? FromRrsa(ChainContext chain)
    {
        string[] variables = [RoleArnVariable, ProviderArnVariable, TokenFileVariable];
        var values = variables.Select(chain.Value).ToArray();
        if (values.All(value => value is null))
        {
            return null;
        }

        var missing = variables.Where((_, i) => values[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException($"alibaba: RRSA needs {string.Join(", ", variables)}; {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set");
        }

        return chain.Oidc(new OidcRole(values[0]!, values[1]!, values[2]!, chain.SessionName(null)));
    }

    private static IAlibabaCredentialSource? FromCliConfig(ChainContext chain) =>
        string.Equals(chain.Value(CliProfileDisabledVariable), "true", StringComparison.OrdinalIgnoreCase) || CliConfigPath(chain) is not { } path
            ? null
            : FromProfile(CliConfigFile.Read(path, chain.Value(ProfileVariable)), chain);

    private static IAlibabaCredentialSource? FromCredentialsFile(ChainContext chain) =>
        CredentialsFilePath(chain) is { } path ? FromProfile(CredentialsFile.Read(path, chain.Value(ProfileVariable) ?? "default"), chain) : null;

    /// <summary>
    /// A profile whose mode this tool does not run (CloudSSO, OAuth, External...) is passed over, as the official
    /// chain passes over a profile it cannot use, and named if no later source gives credentials.
    /// </summary>
    private static IAlibabaCredentialSource? FromProfile(CredentialProfile? profile, ChainContext chain)
    {
        if (profile is null)
        {
            return null;
        }

        if (!ProfileCredentialSources.Runs(profile))
        {
            chain.PassedOver.Add($"{profile.Describe}: this tool runs modes {ProfileCredentialSources.SupportedModes} only");
            return null;
        }

        return ProfileCredentialSources.Create(profile, chain);
    }

    /// <summary>
    /// The instance's RAM role. Named (ALIBABA_CLOUD_ECS_METADATA), it is asked like any store endpoint; otherwise it is
    /// the last resort on a machine that may not be an ECS instance, so it is asked with short tries and, when nothing
    /// answers, the run ends with "no credentials found" and every source tried.
    /// </summary>
    private static EcsRamRoleCredentialSource? FromInstanceRole(ChainContext chain)
    {
        if (EcsMetadataServer.FromEnvironment(chain.Environment) is not { } server)
        {
            return null;
        }

        return chain.Value(EcsMetadataServer.RoleNameVariable) is { } role
            ? new EcsRamRoleCredentialSource(chain.Client(), server, role)
            : new EcsRamRoleCredentialSource(chain.ProbeClient(), server, null,
                problem => new ConfigurationException(NoCredentials(chain, $"the ECS RAM role (metadata service at {server.Address}, {EcsMetadataServer.EndpointVariable}: {problem})")));
    }

    private static string NoCredentials(ChainContext chain, string instanceRole) =>
        $"alibaba: no credentials found; tried {AccessKeyIdVariable}/{AccessKeySecretVariable}, RRSA ({RoleArnVariable}, {ProviderArnVariable}, {TokenFileVariable}), "
        + $"the CLI configuration ({CliConfigPath(chain) ?? "~/.aliyun/config.json"}), the credentials file ({CredentialsFilePath(chain) ?? "~/.alibabacloud/credentials"}) "
        + $"and {instanceRole}{(chain.PassedOver.Count == 0 ? "" : $"; passed over {string.Join("; ", chain.PassedOver)}")}. Set one of them";

    private static string? CliConfigPath(ChainContext chain) =>
        chain.Value(ConfigFileVariable) ?? (chain.Value("HOME") is { } home ? Path.Combine(home, ".aliyun", "config.json") : null);

    private static string? CredentialsFilePath(ChainContext chain) =>
        chain.Value(CredentialsFileVariable) ?? (chain.Value("HOME") is { } home ? Path.Combine(home, ".alibabacloud", "credentials") : null);
}
