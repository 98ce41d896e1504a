using Amazon.Runtime;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The standard AWS credential chain. Access keys in the injected environment come first (that is the chain's
/// first link, and it lets tests and callers pass keys without touching the process); otherwise the SDK's
/// default chain (<see cref="DefaultChainCredentialSource"/>) looks at shared profiles, web identity (EKS IRSA),
/// container and instance metadata. That resolver reads the process environment itself (AWS_PROFILE,
/// AWS_WEB_IDENTITY_TOKEN_FILE, ...), which in the CLI is the same environment as the injected one.
/// </summary>
internal static class AwsCredentialChain
{
    public static IAwsCredentialSource Resolve(IReadOnlyDictionary<string, string> environment, StoreHttp http) =>
        (IAwsCredentialSource?)FromEnvironment(environment) ?? new DefaultChainCredentialSource(environment, http);

    /// <summary>The chain's credentials, or those of <paramref name="roleArn"/> assumed with them when a role is set.</summary>
    public static IAwsCredentialSource WithRole(IAwsCredentialSource chain, string? roleArn, AwsLocation location, StoreHttp http) =>
        OptionalText.Of(roleArn) is { } role
            ? new AssumedRoleCredentialSource(chain, role, location, http.Timeout, http.Retries)
            : chain;

    private static ResolvedCredentialSource? FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var accessKey = OptionalText.Of(environment, "AWS_ACCESS_KEY_ID");
        var secretKey = OptionalText.Of(environment, "AWS_SECRET_ACCESS_KEY");
        if (accessKey is null && secretKey is null)
        {
            return null;
        }

        if (accessKey is null || secretKey is null)
        {
            throw new ConfigurationException(
                $"aws: {(accessKey is null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID")} is set but {(accessKey is null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")} is not; set both, or neither to use a profile or role");
        }

        var sessionToken = OptionalText.Of(environment, "AWS_SESSION_TOKEN");
        AWSCredentials credentials = sessionToken is null
            ? new BasicAWSCredentials(accessKey, secretKey)
            : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
        return new ResolvedCredentialSource(credentials, $"environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY{(sessionToken is null ? "" : "/AWS_SESSION_TOKEN")} (access key {AccessKeyHint(accessKey)})");
    }

    /// <summary>Enough of the key ID to tell keys apart (AKIA = long-term, ASIA = temporary); the ID is not secret, but less is enough.</summary>
    private static string AccessKeyHint(string accessKey) =>
        accessKey.Length <= 8 ? "of " + accessKey.Length + " characters" : $"{accessKey[..4]}...{accessKey[^4..]}";
}
