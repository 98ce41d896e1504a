using System.Collections.Concurrent;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>The faults queued on an AWS JSON fake: for whichever request comes next, and for one operation's next call.</summary>
internal sealed class FakeFaultQueue
{
    private readonly ConcurrentQueue<FakeFault> next = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeFault>> byOperation = new(StringComparer.Ordinal);

    public void Add(FakeFault fault, int times)
    {
        for (var i = 0; i < times; i++)
        {
            next.Enqueue(fault);
        }
    }

    public void Add(string operation, FakeFault fault) => byOperation.GetOrAdd(operation, _ => new ConcurrentQueue<FakeFault>()).Enqueue(fault);

    /// <summary>The fault a call of <paramref name="operation"/> meets: one queued for any request first, else one for it.</summary>
    public FakeFault? Take(string operation)
    {
        if (!next.TryDequeue(out var fault) && byOperation.TryGetValue(operation, out var queued))
        {
            queued.TryDequeue(out fault);
        }

        return fault;
    }
}
