using Amazon.Runtime;

namespace PostRenderer.Stores.Aws;

/// <summary>Where the credentials that sign requests come from; injectable so tests can pass static keys.</summary>
internal interface IAwsCredentialSource : IDisposable
{
    /// <summary>Says where the credentials were found, for error messages; never contains a secret.</summary>
    string Description { get; }

    Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
