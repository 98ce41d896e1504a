using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Temporary credentials of <c>aws.roleArn</c>, assumed with STS using the chain's credentials; assumed again
/// shortly before they expire. The STS endpoint follows <c>AWS_ENDPOINT_URL_STS</c> / <c>AWS_ENDPOINT_URL</c>.
/// </summary>
internal sealed class AssumedRoleCredentialSource(IAwsCredentialSource source, string roleArn, AwsLocation location, TimeSpan timeout, int retries)
    : IAwsCredentialSource
{
    private const string SessionName = "secret-postrenderer";
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Credentials? current;

    public string Description => $"role {roleArn} assumed with {source.Description}";

    public async Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null || current.Expiration is not { } expiry || expiry.ToUniversalTime() - DateTime.UtcNow < RefreshBeforeExpiry)
            {
                current = await AssumeAsync(cancellationToken).ConfigureAwait(false);
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        source.Dispose();
    }

    private async Task<Credentials> AssumeAsync(CancellationToken cancellationToken)
    {
        var credentials = await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var sts = new AmazonSecurityTokenServiceClient(credentials, StsConfig());
        try
        {
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = SessionName }, cancellationToken).ConfigureAwait(false);
            return response.Credentials;
        }
        catch (AmazonServiceException ex)
        {
            throw new StoreException("aws", null,
                $"cannot assume role {roleArn} with {source.Description}: {ex.ErrorCode} ({(int)ex.StatusCode}); "
                + "check that the role's trust policy allows this principal and that it may call sts:AssumeRole", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new StoreException("aws", null, $"cannot assume role {roleArn}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The SDK's own timeout surfaces as a bare TimeoutException, outside its exception hierarchy; a reset
            // connection as the IOException the SDK unwraps from HttpClient's HttpRequestException.
            throw new StoreException("aws", null,
                $"cannot assume role {roleArn}: timed out or could not reach STS at {location.StsEndpoint?.ToString() ?? location.Region.SystemName} "
                + $"(timeout {timeout.TotalSeconds:0.#}s, {retries + 1} tries): {ex.Message}", ex);
        }
    }

    private AmazonSecurityTokenServiceConfig StsConfig()
    {
        // Endpoint overrides come from the injected environment only, never from the process behind our back.
        var config = new AmazonSecurityTokenServiceConfig { IgnoreConfiguredEndpointUrls = true, Timeout = timeout };
        SdkRetryLimits.Apply(config, retries);
        if (location.StsEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = location.Region.SystemName;
        }
        else
        {
            config.RegionEndpoint = location.Region;
        }

        return config;
    }
}
