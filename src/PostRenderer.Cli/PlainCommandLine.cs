namespace PostRenderer.Cli;

/// <summary>
/// The default command's options in their plainest form, read without System.CommandLine: each option at most once,
/// as <c>--name value</c> or a bare flag. That is how helm, helmfile and pipes call a post-renderer, and it spares
/// every such start System.CommandLine's first use (bench/history.md). Anything else is declined and goes to
/// System.CommandLine: a subcommand, --help or --version, another spelling, a repeated option, a flag with a value, a
/// value that could be read as an option or a command. What is accepted gives exactly the settings System.CommandLine
/// would (PlainCommandLineTests).
/// </summary>
internal sealed record PlainCommandLine(string? ConfigPath, Dictionary<string, string?> Settings)
{
    private static readonly HashSet<string> ValueOptionNames = NamesOf(RenderOptions.ValueOptions, RenderOptions.ConfigName, RenderOptions.OutputDirName);
    private static readonly HashSet<string> FlagNames = NamesOf(RenderOptions.FlagOptions);

    // The subcommands: System.CommandLine would read these as commands, wherever they stand.
    private static readonly HashSet<string> CommandNames = new(StringComparer.Ordinal) { "split", "verify", "completion" };

    public static PlainCommandLine? TryRead(IReadOnlyList<string> args)
    {
        if (CommandLine.MayUseStandardOptions(args))
        {
            return null;
        }

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (FlagNames.Contains(name))
            {
                // Whatever follows must be the next option's name, or the loop declines it below.
                if (!given.TryAdd(name, ""))
                {
                    return null;
                }

                continue;
            }

            if (!ValueOptionNames.Contains(name) || i + 1 == args.Count || !IsPlainValue(args[i + 1]) || !given.TryAdd(name, args[i + 1]))
            {
                return null;
            }

            i++;
        }

        given.Remove(RenderOptions.ConfigName, out var configPath);
        return new PlainCommandLine(configPath, RenderOptions.SettingsFor(given));
    }

    // Not empty, not an option (nor System.CommandLine's own: those were declined above), not a command.
    private static bool IsPlainValue(string value) =>
        value.Length > 0 && value[0] != '-' && !CommandNames.Contains(value);

    private static HashSet<string> NamesOf(OptionSpec[] options, params string[] more)
    {
        var names = new HashSet<string>(more, StringComparer.Ordinal);
        foreach (var option in options)
        {
            names.Add(option.Name);
        }

        return names;
    }
}
