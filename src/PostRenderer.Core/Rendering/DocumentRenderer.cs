using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Output;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Rendering;

/// <summary>
/// Renders one document into the sinks: copied as it came (--preserve, when it cannot hold a Secret), a plain Secret
/// written from its own text, or anything else parsed, converted and written as a tree. It holds the working space
/// that is reused from one document to the next, so each thread that renders has one of its own.
/// </summary>
internal sealed class DocumentRenderer
{
    private readonly NodeReader reader = new(ReaderLimits.Default);
    private readonly SecretConverter converter;
    private readonly bool preserve;
    private readonly bool plansWanted;
    private readonly bool useSecretPath;

    // The Secret path's working space, reused from one Secret to the next.
    private readonly IndexedSecret secret = new();
    private readonly Utf8TextBuffer direct = new();

    /// <param name="plansWanted">Whether each converted Secret's plan is needed (population); a render that does not
    /// populate makes none for the Secrets that go from their text to the output.</param>
    /// <param name="useSecretPath">Tests turn the Secret path off to hold its output to the tree path's.</param>
    public DocumentRenderer(Settings settings, IReporter reporter, IEntryNameClaims claims, bool plansWanted, bool useSecretPath)
    {
        converter = new SecretConverter(settings, reporter, claims);
        preserve = settings.Preserve;
        this.plansWanted = plansWanted;
        this.useSecretPath = useSecretPath;
    }

    /// <summary>
    /// Renders <paramref name="raw"/>, adding the plan of each Secret it converted (when it made one). False, having
    /// written nothing, when the document held no node (only comments).
    /// </summary>
    public bool Render(RawDocument raw, IReadOnlyList<IDocumentSink> sinks, List<SecretPlan> plans, out int converted)
    {
        converted = 0;
        return TryCopyAsItCame(raw.Utf8, StreamSink.SoleOf(sinks)) || RenderParsed(raw, sinks, plans, out converted);
    }

    /// <summary>
    /// <see cref="Render"/> for a document that <see cref="TryCopyAsItCame"/> did not copy: a plain Secret written from
    /// its own text, anything else parsed, converted and written as a tree.
    /// </summary>
    public bool RenderParsed(RawDocument raw, IReadOnlyList<IDocumentSink> sinks, List<SecretPlan> plans, out int converted)
    {
        converted = 0;
        var textSink = StreamSink.SoleOf(sinks);
        var utf8 = raw.Utf8;

        // One reading of the bytes serves both paths: the Secret path reads the index, and the tree is built from it.
        var index = reader.Index(utf8);
        if (index is not null && useSecretPath && TryConvertIndexedSecret(raw, index, sinks, textSink, plans))
        {
            converted = 1; // one Secret, whether or not anyone took its plan
            return true;
        }

        var root = reader.Read(raw, index, utf8);
        if (root is null)
        {
            return false;
        }

        var location = raw.Location;
        var before = plans.Count;
        WriteToSinks(converter.Convert(root, location, plans), raw, location, sinks);
        converted = plans.Count - before;
        return true;
    }

    /// <summary>
    /// With --preserve, copies a document that cannot hold a Secret to a single stream as it came; true when it did. A
    /// batch asks this first, so that most documents it copies need no <see cref="RawDocument"/> of their own.
    /// </summary>
    public bool TryCopyAsItCame(ReadOnlySpan<byte> utf8, StreamSink? textSink)
    {
        if (!preserve || textSink is null || SecretSniffer.MayHoldSecret(utf8))
        {
            return false;
        }

        textSink.WriteRaw(utf8);
        return true;
    }

    /// <summary>
    /// The Secret path, for a Secret in the shape charts render: read from the index without a node tree and, when
    /// nobody needs its plan (a render that does not populate) and the plan is the plain one, written from its own
    /// text to a single stream; otherwise planned and written as a tree. True when it converted the document's one
    /// Secret (its plan added, when one was made); false, having written nothing, for any other document.
    /// </summary>
    private bool TryConvertIndexedSecret(RawDocument raw, YamlIndex index, IReadOnlyList<IDocumentSink> sinks, StreamSink? textSink, List<SecretPlan> plans)
    {
        var utf8 = raw.Utf8;
        if (!secret.TryRead(index, utf8))
        {
            return false;
        }

        SecretPlan? plan = null;
        if (plansWanted && (plan = TryPlanIndexedSecret(raw)) is null)
        {
            return false;
        }

        if (textSink is not null && converter.TryWriteDirect(secret, utf8, raw.Index, raw.StartLine, raw.SourceCommentUtf8, direct))
        {
            textSink.WriteUtf8(direct.Written);
        }
        else
        {
            plan ??= TryPlanIndexedSecret(raw);
            if (plan is null)
            {
                return false;
            }

            WriteToSinks(converter.Write(plan), raw, raw.Location, sinks);
        }

        if (plan is not null)
        {
            plans.Add(plan);
        }

        return true;
    }

    // The plan of the Secret that TryConvertIndexedSecret read, named as the tree path names it.
    private SecretPlan? TryPlanIndexedSecret(RawDocument raw) =>
        converter.TryPlan(secret.ToDocument(raw.Utf8), secret.Locate(raw.Utf8, raw.Index, raw.StartLine));

    private static void WriteToSinks(Node result, RawDocument raw, DocumentLocation location, IReadOnlyList<IDocumentSink> sinks)
    {
        CanonicalOrder.Apply(result);
        foreach (var sink in sinks)
        {
            sink.Write(result, raw.SourceComment, location);
        }
    }
}
