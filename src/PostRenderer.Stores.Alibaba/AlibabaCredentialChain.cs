using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The Alibaba Cloud default credential chain, in the SDKs' order: the AccessKey in the environment, then RRSA
/// (the OIDC token file and role the ACK webhook injects), then the credentials file's profile.
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
    public const string ProfileVariable = "ALIBABA_CLOUD_PROFILE";

    private const string DefaultSessionName = "secret-postrenderer";

    public static IAlibabaCredentialSource Resolve(IReadOnlyDictionary<string, string> environment, AlibabaLocation location, StoreHttp http) =>
        (IAlibabaCredentialSource?)FromEnvironment(environment)
        ?? (IAlibabaCredentialSource?)FromRrsa(environment, location, http)
        ?? FromFile(environment)
        ?? throw new ConfigurationException(
            $"alibaba: no credentials found; tried {AccessKeyIdVariable}/{AccessKeySecretVariable}, RRSA ({RoleArnVariable}, {ProviderArnVariable}, "
            + $"{TokenFileVariable}) and the credentials file ({CredentialsFilePath(environment) ?? "~/.alibabacloud/credentials"}). Set one of them");

    private static StaticCredentialSource? FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var id = Value(environment, AccessKeyIdVariable);
        var secret = Value(environment, AccessKeySecretVariable);
        if (id is null && secret is null)
        {
            return null;
        }

        if (id is null || secret is null)
        {
            throw new ConfigurationException($"alibaba: {(id is null ? AccessKeyIdVariable : AccessKeySecretVariable)} is not set although {(id is null ? AccessKeySecretVariable : AccessKeyIdVariable)} is; set both");
        }

        var token = Value(environment, SecurityTokenVariable);
        return new StaticCredentialSource(new AlibabaCredentials(id, secret, token), token is null ? AccessKeyIdVariable : $"{AccessKeyIdVariable} with {SecurityTokenVariable}");
    }

    private static OidcRoleCredentialSource? FromRrsa(IReadOnlyDictionary<string, string> environment, AlibabaLocation location, StoreHttp http)
    {
        string[] variables = [RoleArnVariable, ProviderArnVariable, TokenFileVariable];
        var values = variables.Select(name => Value(environment, name)).ToArray();
        if (values.All(value => value is null))
        {
            return null;
        }

        var missing = variables.Where((_, i) => values[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException($"alibaba: RRSA needs {string.Join(", ", variables)}; {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set");
        }

        var role = new OidcRole(values[0]!, values[1]!, values[2]!, Value(environment, SessionNameVariable) ?? DefaultSessionName);
        return new OidcRoleCredentialSource(http.CreateClient(AlibabaStore.StoreName), location.StsEndpoint, role);
    }

    private static StaticCredentialSource? FromFile(IReadOnlyDictionary<string, string> environment)
    {
        if (CredentialsFilePath(environment) is not { } path)
        {
            return null;
        }

        var profile = Value(environment, ProfileVariable) ?? "default";
        return CredentialsFile.Read(path, profile) is { } credentials
            ? new StaticCredentialSource(credentials, $"profile [{profile}] of {path}")
            : null;
    }

    private static string? CredentialsFilePath(IReadOnlyDictionary<string, string> environment) =>
        Value(environment, CredentialsFileVariable)
        ?? (Value(environment, "HOME") is { } home ? Path.Combine(home, ".alibabacloud", "credentials") : null);

    private static string? Value(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
