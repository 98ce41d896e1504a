using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Output;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Rendering;

/// <summary>
/// The filter itself: cut the stream into documents, and for each one parse, convert, order and write it
/// before reading the next, so memory stays bounded by the largest document, not the stream. A long stream to one
/// text sink is spread over the machine's cores once it has shown itself long (<see cref="ParallelRender"/>), with
/// the same output, messages and errors.
/// </summary>
internal sealed class RenderPipeline(Settings settings, IReporter reporter)
{
    /// <summary>Called with each converted Secret's plan, in input order, right after its document is written.</summary>
    public Action<SecretPlan>? OnSecretConverted { get; init; }

    /// <summary>Tests turn the Secret path off to hold its output to the tree path's.</summary>
    internal bool UseSecretPath { get; init; } = true;

    /// <summary>Tests set small batches and an early start to hold a render on several threads to one on one thread.</summary>
    internal ParallelRenderOptions Parallel { get; init; } = ParallelRenderOptions.ForThisMachine;

    public RenderSummary Run(Stream input, TextWriter output) => Run(input, [new StreamSink(output)]);

    /// <summary>Renders into every sink; sinks are completed by the caller once the whole run (population too) succeeded.</summary>
    /// <param name="input">UTF-8 without a byte order mark, as <see cref="StandardStreams.OpenInput"/> gives it.</param>
    public RenderSummary Run(Stream input, IReadOnlyList<IDocumentSink> sinks)
    {
        var splitter = new DocumentSplitter(input, settings.MaxDocumentSize) { ReusesDocuments = true };
        var claims = new EntryNameClaims();
        var plansWanted = OnSecretConverted is not null;
        var renderer = new DocumentRenderer(settings, reporter, claims, plansWanted, UseSecretPath);
        var plans = new List<SecretPlan>();
        var parallelTarget = Parallel.Enabled ? StreamSink.SoleOf(sinks) : null; // only a single text stream takes batches
        ParallelRender? parallel = null;
        int documents = 0, converted = 0;
        long bytesSoFar = 0;
        var waiting = input as IWaitingInput;
        if (waiting is not null)
        {
            waiting.BeforeWait = () =>
            {
                parallel?.Drain();
                foreach (var sink in sinks)
                {
                    (sink as StreamSink)?.Flush();
                }
            };
        }

        try
        {
            foreach (var raw in splitter.ReadDocuments())
            {
                if (parallel is null && parallelTarget is not null && (bytesSoFar += raw.Utf8.Length) > Parallel.StartAfterBytes)
                {
                    parallel = new ParallelRender(Parallel, settings, plansWanted, UseSecretPath, parallelTarget, reporter, claims, OnSecretConverted);
                }

                if (parallel is not null)
                {
                    parallel.Add(raw);
                    continue;
                }

                if (renderer.Render(raw, sinks, plans, out var secrets))
                {
                    documents++;
                    converted += secrets;
                }

                Submit(plans);
            }

            if (parallel is not null)
            {
                var (more, moreConverted) = parallel.Finish();
                (documents, converted) = (documents + more, converted + moreConverted);
            }
        }
        catch (Exception) when (parallel is not null && !parallel.Failed)
        {
            // The splitter stopped at a later document: the documents before it are written first, and their errors come first.
            parallel.Finish();
            throw;
        }
        finally
        {
            waiting?.BeforeWait = null;
            parallel?.Dispose();
        }

        if (documents == 0 && splitter.SawText)
        {
            throw new UserException("the input holds no YAML document, only comments or blank documents; nothing to render");
        }

        return new RenderSummary(documents, converted);
    }

    private void Submit(List<SecretPlan> plans)
    {
        foreach (var plan in plans)
        {
            OnSecretConverted?.Invoke(plan);
        }

        plans.Clear();
    }
}
