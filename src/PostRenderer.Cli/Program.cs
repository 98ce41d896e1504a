using PostRenderer.Cli;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;

var parsed = CommandLine.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A mistyped option is a usage error like bad configuration: exit 2, one line each, no help dump.
    foreach (var error in parsed.Errors)
    {
        ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {error.Message} (see --help)");
    }

    return ExitCodes.BadInput;
}

return parsed.Invoke();
