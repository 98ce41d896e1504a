using Amazon.Runtime;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Credentials the chain already found. The SDK's credential objects refresh themselves (instance and container
/// roles, web identity), so holding one for the whole run is what the SDK's own clients do too.
/// </summary>
internal sealed class ResolvedCredentialSource(AWSCredentials credentials, string description, IDisposable? owner = null) : IAwsCredentialSource
{
    public string Description => description;

    public Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);

    public void Dispose() => owner?.Dispose();
}
