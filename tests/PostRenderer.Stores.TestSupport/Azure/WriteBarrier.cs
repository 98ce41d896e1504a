namespace PostRenderer.Stores.TestSupport.Azure;

/// <summary>
/// Makes N concurrent writes race in the worst way: none is applied before all have arrived (so every writer
/// passed its pre-write check), and none is answered before all are applied (so no writer reads in between).
/// </summary>
internal sealed class WriteBarrier(int count)
{
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource allApplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;
    private int applied;

    public Task ArriveAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref arrived) == count)
        {
            allArrived.TrySetResult();
        }

        return allArrived.Task.WaitAsync(cancellationToken);
    }

    public Task AppliedAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref applied) == count)
        {
            allApplied.TrySetResult();
        }

        return allApplied.Task.WaitAsync(cancellationToken);
    }

    public void Release()
    {
        allArrived.TrySetResult();
        allApplied.TrySetResult();
    }
}
