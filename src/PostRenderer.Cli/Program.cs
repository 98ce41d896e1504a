using PostRenderer.Cli;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;

var parsed = CommandLine.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A mistyped option is a usage error like bad configuration: exit 2, one line, the name meant, no help dump.
    ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {UsageError.Describe(parsed)} (see --help)");
    return ExitCodes.BadInput;
}

return parsed.Invoke();
