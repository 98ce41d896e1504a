namespace PostRenderer.Core.Rendering;

/// <summary>When a render spreads over several threads (<see cref="ParallelRender"/>), and in what pieces.</summary>
/// <param name="StartAfterBytes">Documents are rendered on the calling thread alone until this much input has gone by:
/// a chart's render is over before another thread would pay for itself.</param>
/// <param name="BatchBytes">Input gathered into one batch: large enough that handing batches between threads costs
/// little, small enough that both cores stay busy to the end.</param>
/// <param name="Workers">Threads that render besides the calling thread, which also renders when it can.</param>
/// <param name="MaxBatchesInFlight">Batches taken but not yet written; what bounds memory.</param>
internal sealed record ParallelRenderOptions(int StartAfterBytes, int BatchBytes, int Workers, int MaxBatchesInFlight)
{
    /// <summary>
    /// One worker per further core (at most three: the calling thread also cuts and writes the stream); none on one
    /// core. Batches in flight: one per worker, one being written and one of slack; more only add fresh memory to touch
    /// (on 2 cores 8 against 4 cost 180 more page faults per render of the bench stream, and no speed).
    /// </summary>
    public static ParallelRenderOptions ForThisMachine { get; } = ForWorkers(Math.Clamp(Environment.ProcessorCount - 1, 0, 3));

    private static ParallelRenderOptions ForWorkers(int workers) =>
        new(StartAfterBytes: 128 * 1024, BatchBytes: 64 * 1024, Workers: workers, MaxBatchesInFlight: workers + 3);

    public bool Enabled => Workers > 0;
}
