using System.Runtime.ExceptionServices;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Output;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Rendering;

/// <summary>
/// A run of consecutive documents copied out of the splitter's buffer, so that any thread can render them, with what
/// rendering them wrote, reported and planned, kept per document until the batch's turn to be written comes.
/// Batches are reused: <see cref="Reset"/> keeps the buffers.
/// </summary>
internal sealed class DocumentBatch : IDisposable
{
    private readonly List<Source> sources = [];
    private readonly List<Result> results = [];
    private readonly List<SecretPlan> plans = [];
    private readonly RenderJournal journal = new();
    private readonly DocumentRenderer renderer;
    private readonly MemoryStream output = new();
    private readonly Utf8OutputWriter writer;
    private readonly StreamSink sink;
    private readonly IDocumentSink[] sinks;
    private byte[] input;
    private int inputLength;
    private ExceptionDispatchInfo? failure;
    private RawDocument? document; // every parsed document of the batch in turn (DocumentOf)

    public DocumentBatch(Settings settings, bool plansWanted, bool useSecretPath, int capacity)
    {
        renderer = new DocumentRenderer(settings, journal, journal, plansWanted, useSecretPath);
        // A small buffer: the memory stream behind it is the batch's real buffer.
        writer = new Utf8OutputWriter(output, byteCapacity: 8 * 1024);
        sink = new StreamSink(writer);
        sinks = [sink];
        // Room for the document that takes the batch past its capacity, and for output a little longer than the
        // input: sized once, a batch's buffers are not grown (and copied) a doubling at a time on first use.
        input = new byte[2 * capacity];
        output.Capacity = 2 * capacity;
    }

    public int InputLength => inputLength;

    /// <summary>Set, under the runner's lock, once <see cref="Render"/> has finished.</summary>
    public bool Rendered { get; set; }

    /// <summary>Copies a document's bytes and where it came from; the splitter may then reuse its buffer.</summary>
    public void Add(RawDocument raw)
    {
        var bytes = raw.Utf8;
        if (input.Length - inputLength < bytes.Length)
        {
            Array.Resize(ref input, Math.Max(input.Length * 2, inputLength + bytes.Length));
        }

        bytes.CopyTo(input.AsSpan(inputLength));
        var (commentAt, comment) = raw.SourceCommentForCopy;
        sources.Add(new Source(raw.Index, raw.StartLine, inputLength, bytes.Length, commentAt, comment, raw.MarkerInPiece));
        inputLength += bytes.Length;
    }

    /// <summary>
    /// Renders the documents in order, on whichever thread calls it; never throws. A document that fails ends the
    /// batch there, and its failure is raised when the batch is written, after the documents before it.
    /// </summary>
    public void Render()
    {
        var start = writer.BytesWritten;
        try
        {
            foreach (var source in sources)
            {
                var converted = 0;
                var written = renderer.TryCopyAsItCame(input.AsSpan(source.Offset, source.Length), sink)
                    || renderer.RenderParsed(DocumentOf(source), sinks, plans, out converted);
                results.Add(new Result(written, converted, (int)(writer.BytesWritten - start), journal.Count, plans.Count));
            }
        }
        catch (Exception ex)
        {
            // Any failure, a bug's too, is the document's, and is raised in its turn on the writing thread.
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        writer.Flush();
    }

    // One object for all: a render is done with a document before it takes the next, and a long stream's
    // Secrets would otherwise each cost one.
    private RawDocument DocumentOf(Source source)
    {
        var bytes = input.AsMemory(source.Offset, source.Length);
        return document = document?.ReuseFor(source.Index, source.StartLine, bytes, source.SourceCommentAt, source.SourceComment, source.MarkerInPiece)
            ?? new RawDocument(source.Index, source.StartLine, bytes, source.SourceCommentAt, source.SourceComment) { MarkerInPiece = source.MarkerInPiece };
    }

    /// <summary>
    /// Writes the rendered documents to <paramref name="target"/>, each after its messages are given and its entry
    /// names are claimed for real, and hands on each plan; then raises the failure that ended the batch, if any. A claim
    /// refused at a document ends the output before that document, as it does on one thread.
    /// </summary>
    public void WriteTo(StreamSink target, IReporter reporter, IEntryNameClaims claims, Action<SecretPlan>? onPlan, ref int documents, ref int converted)
    {
        // The output goes in one write (large ones straight to the stream) once every document's claims held.
        var bytes = output.GetBuffer();
        int outputEnd = 0, journalAt = 0, plansAt = 0;
        try
        {
            foreach (var result in results)
            {
                journal.Replay(journalAt, result.JournalEnd, reporter, claims);
                for (var i = plansAt; i < result.PlansEnd; i++)
                {
                    onPlan?.Invoke(plans[i]);
                }

                (outputEnd, journalAt, plansAt) = (result.OutputEnd, result.JournalEnd, result.PlansEnd);
                documents += result.Written ? 1 : 0;
                converted += result.Converted;
            }

            // What the failing document reported and wrote before it failed, as a render on one thread leaves it.
            journal.Replay(journalAt, journal.Count, reporter, claims);
            outputEnd = (int)output.Length;
        }
        finally
        {
            target.WriteUtf8(bytes.AsSpan(0, outputEnd));
        }

        failure?.Throw();
    }

    /// <summary>Empties the batch for reuse; an input buffer that one huge document grew is let go.</summary>
    public void Reset(int capacity)
    {
        sources.Clear();
        results.Clear();
        plans.Clear();
        journal.Clear();
        output.SetLength(0);
        inputLength = 0;
        failure = null;
        Rendered = false;
        if (input.Length > 4 * capacity)
        {
            input = new byte[2 * capacity];
        }

        if (output.Capacity > 4 * capacity)
        {
            output.Capacity = 2 * capacity;
        }
    }

    public void Dispose() => writer.Dispose();

    private readonly record struct Source(int Index, int StartLine, int Offset, int Length, Range? SourceCommentAt, string? SourceComment, bool MarkerInPiece);

    private readonly record struct Result(bool Written, int Converted, int OutputEnd, int JournalEnd, int PlansEnd);
}
