using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The SDK's default credential chain (shared profiles, web identity, container and instance metadata), resolved on
/// first use and bounded: the chain and the credentials it finds fetch from metadata endpoints with the SDK's own
/// timeouts and retries, and no cancellation. A container endpoint that never answered hung the run; instance
/// metadata that never answered took 16 s with timeout 1s, retries 1. Here each wait ends after the longest the
/// shared policy allows for one request chain, and the caller signs with a snapshot of the keys, so the signer
/// makes no network call of its own.
/// </summary>
internal sealed class DefaultChainCredentialSource : IAwsCredentialSource
{
    private readonly DefaultAWSCredentialsIdentityResolver resolver = new();
    private readonly AsyncOnce<AWSCredentials> resolved;
    private readonly TimeSpan deadline;
    private readonly TimeSpan tryTimeout;
    private readonly int tries;
    private readonly string? profile;
    private string found = "not resolved yet";

    public DefaultChainCredentialSource(IReadOnlyDictionary<string, string> environment, StoreHttp http)
    {
        AwsRuntimeDependencies.Register(http.Timeout, http.Retries);
        profile = OptionalText.Of(environment, "AWS_PROFILE");
        deadline = ChainDeadline(http);
        tryTimeout = http.Timeout;
        tries = http.Retries + 1;
        resolved = new AsyncOnce<AWSCredentials>(ResolveAsync);
    }

    public string Description => profile is null
        ? $"the default AWS credential chain ({found})"
        : $"the default AWS credential chain ({found}, AWS_PROFILE '{profile}')";

    public async Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var credentials = await resolved.GetAsync(cancellationToken).ConfigureAwait(false);
        ImmutableCredentials current;
        try
        {
            current = await credentials.GetCredentialsAsync().WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new StoreException("aws", null,
                $"timed out getting AWS credentials from {Description}: no answer within {Seconds(deadline)}s; check the endpoint it uses "
                + "(container or instance metadata, STS for a web identity or role profile, the SSO portal)", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The SDK's STS and SSO clients have the store's timeout and retries, so their own failure can come first
            // (a reset connection as the IOException the SDK unwraps from HttpClient's HttpRequestException).
            var reason = ex is OperationCanceledException ? $"timed out ({tries} tries of {Seconds(tryTimeout)}s)" : ex.Message;
            throw new StoreException("aws", null, $"cannot get AWS credentials from {Description}: {reason}", ex);
        }

        return current.UseToken
            ? new SessionAWSCredentials(current.AccessKey, current.SecretKey, current.Token)
            : new BasicAWSCredentials(current.AccessKey, current.SecretKey);
    }

    public void Dispose()
    {
        resolved.Dispose();
        resolver.Dispose();
    }

    /// <summary>
    /// The longest one request chain of the shared policy takes: every try timing out, and the longest backoff between
    /// tries (Retry-After waits are left out: a credential endpoint that answers is not what this bounds).
    /// </summary>
    internal static TimeSpan ChainDeadline(StoreHttp http)
    {
        var backoff = Enumerable.Range(0, http.Retries).Sum(attempt => Math.Min(10_000, 200 * Math.Pow(2, attempt)));
        return http.Timeout * (http.Retries + 1) + TimeSpan.FromMilliseconds(backoff);
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        AWSCredentials credentials;
        try
        {
            // ResolveIdentity is synchronous and may probe instance metadata; waiting for it is bounded, it is not.
            credentials = await Task.Run(() => resolver.ResolveIdentity(null), CancellationToken.None).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new ConfigurationException(
                $"aws: no AWS credentials found within {Seconds(deadline)}s: the default chain was still waiting for container or instance metadata. "
                + NoCredentialsAdvice, ex);
        }
        catch (AmazonClientException ex)
        {
            throw new ConfigurationException("aws: no AWS credentials found. " + NoCredentialsAdvice, ex);
        }

        found = credentials.GetType().Name;
        return credentials;
    }

    private const string NoCredentialsAdvice =
        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with ~/.aws/credentials or ~/.aws/config, "
        + "or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE (EKS IRSA), or run where container or instance metadata provides a role";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
