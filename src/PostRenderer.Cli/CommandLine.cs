using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>Wires the commands; each command's options and handler live in its own file.</summary>
internal static class CommandLine
{
    // System.CommandLine's own options: --help and its aliases, and --version.
    private static readonly string[] StandardOptionNames = ["--help", "-h", "/h", "-?", "/?", "--version"];

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
        root.Subcommands.Add(CompletionCommand.Create(() => Build(standardOptions: false)));
        root.Subcommands.Add(VersionCommand.Create());
        VersionCommand.ReplaceVersionOption(root);
        return root;
    }

    /// <summary>
    /// Whether an argument may call on System.CommandLine's own options or features: a standard option, alone or with
    /// an argument after ':' or '=', or inside a bundle of one-letter options ("-h?"); a [directive]; an @response-file,
    /// which could hold any of these. A value such as /home/me is none of them.
    /// </summary>
    internal static bool MayUseStandardOptions(IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            if (arg.StartsWith('[') || arg.StartsWith('@') || arg.StartsWith("-h", StringComparison.Ordinal) || arg.StartsWith("-?", StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var name in StandardOptionNames)
            {
                if (arg.StartsWith(name, StringComparison.Ordinal) && (arg.Length == name.Length || arg[name.Length] is ':' or '='))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
