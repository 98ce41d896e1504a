using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Rendering;

namespace PostRenderer.Fuzz;

/// <summary>
/// One in-process render of a stream, as the CLI renders stdin to stdout (same decoding, same writer), with its
/// messages and the user error that stopped it. Any other exception escapes: for the fuzzer that is a crash.
/// </summary>
internal sealed record RenderOutcome(string Output, string Messages, UserException? Error)
{
    /// <summary><c>--no-populate</c>: the render alone, canonical output.</summary>
    public static Settings Canonical { get; } = new() { Populate = new PopulationSettings { Enabled = false } };

    /// <summary><c>--no-populate --preserve</c>: documents that cannot be Secrets are copied byte for byte.</summary>
    public static Settings Preserve { get; } = Canonical with { Preserve = true };

    public bool Succeeded => Error is null;

    /// <summary>Everything the user sees: stdout, stderr, and the error line.</summary>
    public string Visible => $"{Output}\n{Messages}\n{Error?.Message}";

    /// <summary>The whole outcome as one comparable text.</summary>
    public string Describe() => $"{(Error is null ? "ok" : $"{Error.GetType().Name}: {Error.Message}")}\n{Messages}\n{Output}";

    public static RenderOutcome Of(Settings settings, byte[] input) =>
        Of(input, reporter => new RenderPipeline(settings, reporter));

    /// <param name="pipeline">Makes the pipeline over the reporter; <see cref="ReaderAgreement"/> turns reader paths off with it.</param>
    public static RenderOutcome Of(byte[] input, Func<IReporter, RenderPipeline> pipeline)
    {
        var output = new MemoryStream();
        var messages = new StringWriter();
        UserException? error = null;
        using (var log = new MessageLog(messages, null))
        using (var writer = StandardStreams.OpenOutput(output))
        {
            try
            {
                using var reader = StandardStreams.OpenInput(new MemoryStream(input, writable: false));
                pipeline(log).Run(reader, writer);
            }
            catch (UserException ex)
            {
                error = ex;
            }
        }

        return new RenderOutcome(Encoding.UTF8.GetString(output.ToArray()), messages.ToString(), error);
    }
}
