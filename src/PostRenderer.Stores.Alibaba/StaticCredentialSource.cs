namespace PostRenderer.Stores.Alibaba;

/// <summary>Credentials known up front: from the environment or a credentials-file profile.</summary>
internal sealed class StaticCredentialSource(AlibabaCredentials credentials, string description) : IAlibabaCredentialSource
{
    public string Description => description;

    public Task<AlibabaCredentials> GetAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);

    public void Dispose()
    {
    }
}
