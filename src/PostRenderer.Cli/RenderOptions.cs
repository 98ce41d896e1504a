using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>
/// The options shared by the render commands (the default command and split). Each maps one-to-one onto a
/// configuration key, so the command line is just the last configuration layer.
/// </summary>
internal sealed class RenderOptions
{
    public const string ConfigName = "--config";
    public const string OutputDirName = "--output-dir";

    public static readonly OptionSpec[] ValueOptions =
    [
        new("--format", "format", "ExternalSecret format: eso-v1 (default), eso-v1beta1 or kes"),
        new("--backend", "backend", "secret store: file (default), vault, aws, parameterstore, gcp, azure or alibaba"),
        new("--namespace", "namespace", "namespace for Secrets that have none (default: $HELM_NAMESPACE, then $ARGOCD_APP_NAMESPACE, then the config, then 'default' with a warning)", Alias: "-n"),
        new("--store", "defaultStore", "named store (under 'stores:' in the configuration) for Secrets no rule sends elsewhere"),
        new("--store-name", "secretStoreRef:name", "name of the ESO SecretStore or ClusterSecretStore"),
        new("--store-kind", "secretStoreRef:kind", "SecretStore or ClusterSecretStore"),
        new("--refresh-interval", "refreshInterval", "ESO refreshInterval, a Go duration (default 1h0m0s)"),
        new("--entry-name", "entryName", "store entry name template (default {namespace}/{name})"),
        new("--release", "release", "release folder of the GitOps layout (default: the app.kubernetes.io/instance label)"),
        new("--log-file", "logFile", "also append messages to this file (Helm 4 hides stderr)"),
        new("--max-document-size", "maxDocumentSize", "largest document accepted, in bytes (default 67108864)"),
    ];

    public static readonly OptionSpec[] FlagOptions =
    [
        new("--no-populate", "populate", "convert only; do not touch the secret store (for helmfile diff)", "false"),
        new("--dry-run", "dryRun", "read the store and report what would be written; write nothing"),
        new("--overwrite-existing", "overwriteExisting", "replace values already in the store with the chart's"),
        new("--preserve", "preserve", "copy documents that cannot be Secrets byte for byte (fastest; no canonical form)", StdoutOnly: true),
        new("--skip-hooks", "skipHooks", "leave helm hook Secrets unconverted (they are then not safe to commit)"),
        new("--prune", "prune", "with an output directory: remove files an earlier run wrote for the release that are no longer rendered"),
        new("--strict", "strict", "fail (exit 2) instead of warning: a Secret without a namespace when none was given, KES fields ESO lacks"),
        new("--debug", "debug", "add stack traces to error messages"),
    ];

    public const string QuietName = "--quiet";

    // Plain arrays and loops, not LINQ over tuples: those generic instantiations are compiled at run time,
    // and this code runs on every start.
    private readonly Option<string?>[] values = new Option<string?>[ValueOptions.Length];
    private readonly Option<bool>[] flags = new Option<bool>[FlagOptions.Length];

    private readonly bool writesStdout;

    public RenderOptions(Command command, string outputDirDescription, bool writesStdout = true)
    {
        this.writesStdout = writesStdout;
        Config = new Option<string?>(ConfigName) { Description = "configuration file (default: .secret-postrenderer.yaml here or in a parent directory)" };
        OutputDir = new Option<string?>(OutputDirName) { Description = outputDirDescription };
        Quiet = new Option<bool>(QuietName, "-q") { Description = "errors only on stderr (the --log-file still gets every message)" };
        command.Options.Add(Config);
        command.Options.Add(OutputDir);
        for (var i = 0; i < ValueOptions.Length; i++)
        {
            values[i] = Create<string?>(ValueOptions[i]);
            if (Offered(ValueOptions[i]))
            {
                command.Options.Add(values[i]);
            }
        }

        for (var i = 0; i < FlagOptions.Length; i++)
        {
            flags[i] = Create<bool>(FlagOptions[i]);
            if (Offered(FlagOptions[i]))
            {
                command.Options.Add(flags[i]);
            }
        }

        command.Options.Add(Quiet);
    }

    private bool Offered(OptionSpec spec) => writesStdout || !spec.StdoutOnly;

    private static Option<T> Create<T>(OptionSpec spec) =>
        spec.Alias is null
            ? new Option<T>(spec.Name) { Description = spec.Description }
            : new Option<T>(spec.Name, spec.Alias) { Description = spec.Description };

    public Option<string?> Config { get; }

    public Option<string?> OutputDir { get; }

    public Option<bool> Quiet { get; }

    /// <summary>The options given, as configuration keys and values.</summary>
    public Dictionary<string, string?> ToSettings(ParseResult parseResult)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (Offered(ValueOptions[i]) && parseResult.GetValue(values[i]) is { } value)
            {
                given[ValueOptions[i].Name] = value;
            }
        }

        for (var i = 0; i < flags.Length; i++)
        {
            if (Offered(FlagOptions[i]) && parseResult.GetValue(flags[i]))
            {
                given[FlagOptions[i].Name] = "";
            }
        }

        if (parseResult.GetValue(OutputDir) is { } outputDir)
        {
            given[OutputDirName] = outputDir;
        }

        return SettingsFor(given);
    }

    /// <summary>
    /// The configuration keys and values of the options given, by option name (a flag's value is not read), in one
    /// order: value options, then flags, then the output directory.
    /// </summary>
    public static Dictionary<string, string?> SettingsFor(IReadOnlyDictionary<string, string> given)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in ValueOptions)
        {
            if (given.TryGetValue(option.Name, out var value))
            {
                settings[option.Key] = value;
            }
        }

        foreach (var flag in FlagOptions)
        {
            if (given.ContainsKey(flag.Name))
            {
                settings[flag.Key] = flag.FlagValue;
            }
        }

        if (given.TryGetValue(OutputDirName, out var outputDir))
        {
            settings["outputDir"] = outputDir;
        }

        return settings;
    }
}
