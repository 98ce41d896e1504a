using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// The three Systems Manager calls population needs, through the official SDK: GetParameter (decrypted, optionally
/// one version), DescribeParameters (version, KMS key and tier of one parameter) and PutParameter. HTTP 429, 5xx,
/// timeouts and connection failures are retried by the shared pipeline under the SDK (whose own retries are off);
/// throttling, which Systems Manager answers with HTTP 400 (ThrottlingException, TooManyUpdates), is retried here.
/// </summary>
internal sealed class ParameterStoreClient(IAmazonSimpleSystemsManagement ssm, HttpClient http, IAwsCredentialSource credentials, int retries) : IDisposable
{
    public const string Store = "parameterstore";
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>The parameter (<paramref name="version"/> null: its latest version), decrypted; null when it or that version does not exist.</summary>
    public Task<Parameter?> GetAsync(string name, long? version, CancellationToken cancellationToken) =>
        CallAsync(name, "GetParameter", async () =>
        {
            try
            {
                var request = new GetParameterRequest { Name = version is null ? name : $"{name}:{version}", WithDecryption = true };
                return (await ssm.GetParameterAsync(request, cancellationToken).ConfigureAwait(false)).Parameter;
            }
            catch (Exception ex) when (ex is ParameterNotFoundException or ParameterVersionNotFoundException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>The parameter's metadata (version, type, KMS key, tier); null when it does not exist.</summary>
    public Task<ParameterMetadata?> DescribeAsync(string name, CancellationToken cancellationToken) =>
        CallAsync(name, "DescribeParameters", async () =>
        {
            var request = new DescribeParametersRequest
            {
                ParameterFilters = [new ParameterStringFilter { Key = "Name", Option = "Equals", Values = [name] }],
            };
            var response = await ssm.DescribeParametersAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Parameters?.Find(parameter => parameter.Name == name);
        }, cancellationToken);

    /// <summary>
    /// Stores <paramref name="value"/> as a SecureString. Without <paramref name="replacing"/> only if the parameter does
    /// not exist (null when it does); with it, as a new version keeping the parameter's KMS key and tier. Returns the version.
    /// </summary>
    public Task<long?> PutAsync(string name, string value, ParameterMetadata? replacing, string? kmsKeyId, string tier, CancellationToken cancellationToken) =>
        CallAsync(name, "PutParameter", async () =>
        {
            var request = new PutParameterRequest
            {
                Name = name,
                Value = value,
                Type = ParameterType.SecureString,
                Overwrite = replacing is not null,
                KeyId = replacing?.KeyId ?? kmsKeyId,
                Tier = replacing?.Tier ?? ParameterTier.FindValue(tier),
            };
            try
            {
                return (await ssm.PutParameterAsync(request, cancellationToken).ConfigureAwait(false)).Version;
            }
            catch (ParameterAlreadyExistsException) when (replacing is null)
            {
                return null;
            }
        }, cancellationToken);

    public void Dispose()
    {
        ssm.Dispose();
        http.Dispose();
        credentials.Dispose();
    }

    private async Task<T> CallAsync<T>(string entry, string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AmazonSimpleSystemsManagementException ex) when (IsThrottling(ex) && attempt < retries)
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex)
            {
                throw new StoreException(Store, entry, ParameterStoreErrorMessages.Describe(ex, operation, credentials.Description, IsThrottling(ex)), ex);
            }
            catch (StoreException ex) when (ex.Entry is null)
            {
                // The shared pipeline and the role assumption do not know the entry; the message should.
                throw ex.ForEntry(entry, $"ssm:{operation}");
            }
            catch (AmazonClientException ex) when (ex.InnerException is StoreException inner)
            {
                throw inner.ForEntry(entry, $"ssm:{operation}");
            }
            catch (AmazonClientException ex)
            {
                // Credentials the chain found but could not fetch now: instance metadata down, web identity refused.
                throw new StoreException(Store, entry, $"cannot call ssm:{operation} with {credentials.Description}: {ex.Message}", ex);
            }
        }
    }

    private static bool IsThrottling(AmazonServiceException ex) =>
        ex is TooManyUpdatesException || ex.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyUpdates" or "RequestLimitExceeded";

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
