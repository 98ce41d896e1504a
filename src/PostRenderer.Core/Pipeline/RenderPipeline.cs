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

    // The fast path's working space, reused from one Secret to the next.
    private readonly BlockSecret blockSecret = new();
    private readonly Utf8TextBuffer direct = new();

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
            if (copyRaw is not null && !SecretSniffer.MayHoldSecret(raw))
            {
                copyRaw.WriteRaw(raw);
                documents++;
                continue;
            }

            var location = new DocumentLocation(raw.Index, raw.StartLine);
            if (UseBlockSecretReader && TryConvertBlockSecret(raw, location, converter, sinks, textSink, plans))
            {
                converted++; // one Secret, whether or not anyone took its plan
            }
            else
            {
                var root = reader.Read(raw);
                if (root is null)
                {
                    continue;
                }

                WriteToSinks(converter.Convert(root, location, plans), raw, location, sinks);
                converted += plans.Count;
            }

            documents++;
            Submit(plans);
        }

        if (documents == 0 && splitter.SawText)
        {
            throw new UserException("the input holds no YAML document, only comments or blank documents; nothing to render");
        }

        return new RenderSummary(documents, converted);
    }

    /// <summary>
    /// The fast path for a Secret in the block style charts render: read without a node tree and, when nobody
    /// needs its plan (a render that does not populate) and the plan is the plain one, written from its own text
    /// to a single stream; otherwise planned and written as a tree. True when it converted the document's one Secret
    /// (its plan added, when one was made); false, having written nothing, for any other document.
    /// </summary>
    private bool TryConvertBlockSecret(RawDocument raw, DocumentLocation location, SecretConverter converter, IReadOnlyList<IDocumentSink> sinks, StreamSink? textSink, List<SecretPlan> plans)
    {
        var utf8 = raw.Utf8;
        if (!BlockSecretReader.TryRead(utf8, location, blockSecret, out var located))
        {
            return false;
        }

        SecretPlan? plan = null;
        if (OnSecretConverted is not null && (plan = converter.TryPlan(blockSecret.ToDocument(utf8), located)) is null)
        {
            return false;
        }

        if (textSink is not null && converter.TryWriteDirect(blockSecret, utf8, located, raw.SourceComment, direct))
        {
            textSink.WriteUtf8(direct.Written);
        }
        else
        {
            plan ??= converter.TryPlan(blockSecret.ToDocument(utf8), located);
            if (plan is null)
            {
                return false;
            }

            WriteToSinks(converter.Write(plan), raw, location, sinks);
        }

        if (plan is not null)
        {
            plans.Add(plan);
        }

        return true;
    }

    private static void WriteToSinks(Node result, RawDocument raw, DocumentLocation location, IReadOnlyList<IDocumentSink> sinks)
    {
        CanonicalOrder.Apply(result);
        foreach (var sink in sinks)
        {
            sink.Write(result, raw.SourceComment, location);
        }
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
