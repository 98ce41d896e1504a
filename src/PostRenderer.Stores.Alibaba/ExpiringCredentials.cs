namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Temporary credentials kept until shortly before they expire, then fetched again by one caller while the others
/// wait: the one cache of every source whose credentials expire (STS roles, RRSA, the ECS RAM role).
/// </summary>
internal sealed class ExpiringCredentials(TimeSpan refreshBeforeExpiry) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AlibabaCredentials? current;

    public async Task<AlibabaCredentials> GetAsync(Func<CancellationToken, Task<AlibabaCredentials>> fetch, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current?.Expiration is not { } expiry || expiry - DateTimeOffset.UtcNow < refreshBeforeExpiry)
            {
                current = await fetch(cancellationToken).ConfigureAwait(false);
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
