using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>Wires the commands; each command's options and handler live in its own file.</summary>
internal static class CommandLine
{
    // What may call on System.CommandLine's own options and features: --help and its aliases, --version, a
    // [directive] and an @response-file (whose contents could be any of these).
    private static readonly string[] StandardTokenPrefixes = ["--help", "-h", "/h", "-?", "/?", "--version", "[", "@"];

    /// <summary>
    /// Parses the arguments. System.CommandLine's --help and --version options read their descriptions from its
    /// resources when they are made, the run's first use of resources and reflection: about 7 ms of a 45 ms start
    /// (bench/history.md). So the root gets them, as a RootCommand, only when an argument may be asking for them;
    /// any other command line parses the same without them (CommandLineParseTests).
    /// </summary>
    public static ParseResult Parse(string[] args) => Build(MayUseStandardOptions(args)).Parse(args);

    internal static Command Build(bool standardOptions) => Build(standardOptions, out _);

    /// <summary>Also returns the default command's options, for tests that compare their values.</summary>
    internal static Command Build(bool standardOptions, out RenderOptions defaultOptions)
    {
        var root = standardOptions ? new RootCommand(HelpText.Description) : new Command(RootCommand.ExecutableName, HelpText.Description);
        defaultOptions = ConvertCommand.Configure(root);
        root.Subcommands.Add(SplitCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        return root;
    }

    internal static bool MayUseStandardOptions(IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            foreach (var prefix in StandardTokenPrefixes)
            {
                if (arg.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
