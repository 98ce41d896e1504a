using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Output;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Rendering;

/// <summary>
/// The rest of a long render spread over the machine's cores. The calling thread keeps cutting the stream into
/// documents and gathers them into batches; worker threads render batches as they come, and the calling thread helps
/// when enough are waiting; the calling thread writes each batch when every batch before it is written. So the output,
/// the messages, the plans and the first error are exactly those of a render on one thread, while memory stays bounded
/// by the batches in flight, never the stream.
/// </summary>
internal sealed class ParallelRender : IDisposable
{
    private readonly ParallelRenderOptions options;
    private readonly Func<DocumentBatch> newBatch;
    private readonly StreamSink target;
    private readonly IReporter reporter;
    private readonly IEntryNameClaims claims;
    private readonly Action<SecretPlan>? onPlan;
    private readonly object gate = new();
    private readonly Queue<DocumentBatch> toRender = new(); // under gate
    private readonly Queue<DocumentBatch> toWrite = new(); // in input order; the calling thread's alone
    private readonly Stack<DocumentBatch> spare = new(); // the calling thread's alone
    private readonly List<Thread> workers = [];
    private bool stopping; // under gate
    private DocumentBatch? filling;
    private int documents;
    private int converted;

    /// <summary>True once writing a batch raised its failure: nothing more is written after that.</summary>
    public bool Failed { get; private set; }

    public ParallelRender(ParallelRenderOptions options, Settings settings, bool plansWanted, bool useSecretPath, StreamSink target, IReporter reporter, IEntryNameClaims claims, Action<SecretPlan>? onPlan)
    {
        this.options = options;
        newBatch = () => new DocumentBatch(settings, plansWanted, useSecretPath, options.BatchBytes);
        this.target = target;
        this.reporter = reporter;
        this.claims = claims;
        this.onPlan = onPlan;
        for (var i = 0; i < options.Workers; i++)
        {
            var worker = new Thread(RenderWhatComes) { IsBackground = true, Name = $"render-{i + 1}" };
            worker.Start();
            workers.Add(worker);
        }
    }

    /// <summary>Takes the next document; its bytes may be reused as soon as this returns.</summary>
    public void Add(RawDocument raw)
    {
        filling ??= spare.TryPop(out var reused) ? reused : newBatch();
        filling.Add(raw);
        if (filling.InputLength < options.BatchBytes)
        {
            return;
        }

        Submit(filling);
        filling = null;
        WriteRendered();
        while (toWrite.Count >= options.MaxBatchesInFlight)
        {
            HelpOrWait();
            WriteRendered();
        }
    }

    /// <summary>Renders and writes everything taken; the documents written and the Secrets converted.</summary>
    public (int Documents, int Converted) Finish()
    {
        Drain();
        return (documents, converted);
    }

    /// <summary>Renders and writes every document taken so far, before the input makes the render wait.</summary>
    public void Drain()
    {
        if (filling is not null)
        {
            Submit(filling);
            filling = null;
        }

        while (toWrite.Count > 0)
        {
            HelpOrWait();
            WriteRendered();
        }
    }

    /// <summary>Stops the workers once their current batch is done; what was not written yet never will be.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            toRender.Clear();
            Monitor.PulseAll(gate);
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        foreach (var batch in spare.Concat(toWrite).Append(filling))
        {
            batch?.Dispose();
        }
    }

    private void Submit(DocumentBatch batch)
    {
        toWrite.Enqueue(batch);
        lock (gate)
        {
            toRender.Enqueue(batch);
            Monitor.PulseAll(gate);
        }
    }

    // Batches are written strictly in order: the oldest first, and only once it is rendered.
    private void WriteRendered()
    {
        while (toWrite.TryPeek(out var oldest) && IsRendered(oldest))
        {
            toWrite.Dequeue();
            try
            {
                oldest.WriteTo(target, reporter, claims, onPlan, ref documents, ref converted);
            }
            catch (Exception)
            {
                Failed = true;
                throw;
            }

            oldest.Reset(options.BatchBytes);
            spare.Push(oldest);
        }
    }

    private bool IsRendered(DocumentBatch batch)
    {
        lock (gate)
        {
            return batch.Rendered;
        }
    }

    // While the oldest batch is still being rendered, the calling thread renders a waiting one rather than idle.
    private void HelpOrWait()
    {
        DocumentBatch? waiting;
        lock (gate)
        {
            if (toWrite.Peek().Rendered)
            {
                return;
            }

            if (!toRender.TryDequeue(out waiting))
            {
                Monitor.Wait(gate);
                return;
            }
        }

        RenderOne(waiting);
    }

    private void RenderWhatComes()
    {
        while (true)
        {
            DocumentBatch batch;
            lock (gate)
            {
                while (toRender.Count == 0)
                {
                    if (stopping)
                    {
                        return;
                    }

                    Monitor.Wait(gate);
                }

                batch = toRender.Dequeue();
            }

            RenderOne(batch);
        }
    }

    private void RenderOne(DocumentBatch batch)
    {
        batch.Render();
        lock (gate)
        {
            batch.Rendered = true;
            Monitor.PulseAll(gate);
        }
    }
}
