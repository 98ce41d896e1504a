using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// The filter itself: cut the stream into documents, and for each one parse, convert, order and write it
/// before reading the next, so memory stays bounded by the largest document, not the stream.
/// </summary>
public sealed class RenderPipeline(Settings settings, IReporter reporter)
{
    /// <summary>Called with each converted Secret's plan, in input order, right after its document is written.</summary>
    public Action<SecretPlan>? OnSecretConverted { get; init; }

    /// <summary>Tests turn the block Secret reader off to hold its output to the full path's.</summary>
    internal bool UseBlockSecretReader { get; init; } = true;

    public RenderSummary Run(Stream input, TextWriter output) => Run(input, [new StreamSink(output)]);

    /// <summary>Renders into every sink; sinks are completed by the caller once the whole run (population too) succeeded.</summary>
    /// <param name="input">UTF-8 without a byte order mark, as <see cref="StandardStreams.OpenInput"/> gives it.</param>
    public RenderSummary Run(Stream input, IReadOnlyList<IDocumentSink> sinks)
    {
        var splitter = new DocumentSplitter(input, settings.MaxDocumentSize);
        var reader = new NodeReader(ReaderLimits.Default);
        var converter = new SecretConverter(settings, reporter);
        var plans = new List<SecretPlan>();
        int documents = 0, converted = 0;
        var textSink = sinks.Count == 1 ? sinks[0] as StreamSink : null;
        var copyRaw = settings.Preserve ? textSink : null;
        foreach (var raw in splitter.ReadDocuments())
        {
            if (copyRaw is not null && !SecretSniffer.MayHoldSecret(raw.Utf8))
            {
                copyRaw.WriteRaw(raw);
                documents++;
                continue;
            }

            var location = new DocumentLocation(raw.Index, raw.StartLine);
            if (!(UseBlockSecretReader && TryConvertBlockSecret(raw, location, converter, sinks, textSink, plans)))
            {
                var root = reader.Read(raw);
                if (root is null)
                {
                    continue;
                }

                var result = converter.Convert(root, location, plans);
                CanonicalOrder.Apply(result);
                foreach (var sink in sinks)
                {
                    sink.Write(result, raw.SourceComment, location);
                }
            }

            documents++;
            converted += plans.Count;
            Submit(plans);
        }

        if (documents == 0 && splitter.SawText)
        {
            throw new UserException("the input holds no YAML document, only comments or blank documents; nothing to render");
        }

        return new RenderSummary(documents, converted);
    }

    /// <summary>
    /// The fast path for a Secret in the block style charts render: read without a node tree, and written to a
    /// single stream without one. False, having written nothing, for any other document.
    /// </summary>
    private static bool TryConvertBlockSecret(
        RawDocument raw, DocumentLocation location, SecretConverter converter, IReadOnlyList<IDocumentSink> sinks, StreamSink? textSink, List<SecretPlan> plans)
    {
        if (BlockSecretReader.TryRead(raw.Utf8, location, out var located) is not { } secret || converter.TryPlan(secret, located) is not { } plan)
        {
            return false;
        }

        plans.Add(plan);
        if (textSink is null || !converter.TryWriteText(plan, textSink.Emitter, raw.SourceComment))
        {
            var result = converter.Write(plan);
            CanonicalOrder.Apply(result);
            foreach (var sink in sinks)
            {
                sink.Write(result, raw.SourceComment, location);
            }
        }

        return true;
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
