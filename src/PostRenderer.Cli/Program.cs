using PostRenderer.Cli;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;

// Prepares the render's code on the other core while this one reads the command line and the settings.
StartupWarmup.Begin();

// How helm, helmfile and pipes call a post-renderer; everything else goes through System.CommandLine.
if (PlainCommandLine.TryRead(args) is { } plain)
{
    return ConvertCommand.Run(plain.ConfigPath, plain.Settings);
}

var parsed = CommandLine.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A mistyped option is a usage error like bad configuration: exit 2, one line, the name meant, no help dump.
    ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {UsageError.Describe(parsed)} (see --help)");
    return ExitCodes.BadInput;
}

return parsed.Invoke();
