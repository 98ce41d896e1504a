namespace PostRenderer.Core.Population;

/// <summary>
/// A value computed once on first use, shared by concurrent callers: population reads entries in parallel, and
/// store clients must not each log in, load credentials or probe the server. A failure is not cached: the next
/// caller tries again.
/// </summary>
/// <param name="known">The value when it is known up front (compute then never runs).</param>
public sealed class AsyncOnce<T>(Func<CancellationToken, Task<T>> compute, T? known = null) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile T? value = known;

    public T? ValueOrNull => value;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (value is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return value ??= await compute(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
