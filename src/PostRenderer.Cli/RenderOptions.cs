using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>
/// The options shared by the render commands (the default command and split). Each maps one-to-one onto a
/// configuration key, so the command line is just the last configuration layer.
/// </summary>
internal sealed class RenderOptions
{
    private static readonly (string Option, string Key, string Description)[] ValueOptions =
    [
        ("--format", "format", "ExternalSecret format: eso-v1 (default), eso-v1beta1 or kes"),
        ("--backend", "backend", "secret store: file (default), vault, aws, gcp or azure"),
        ("--namespace", "namespace", "namespace for Secrets that have none (default: $HELM_NAMESPACE, then the config, then 'default')"),
        ("--store-name", "secretStoreRef:name", "name of the ESO SecretStore or ClusterSecretStore"),
        ("--store-kind", "secretStoreRef:kind", "SecretStore or ClusterSecretStore"),
        ("--refresh-interval", "refreshInterval", "ESO refreshInterval, a Go duration (default 1h0m0s)"),
        ("--entry-name", "entryName", "store entry name template (default {namespace}/{name})"),
        ("--release", "release", "release folder of the GitOps layout (default: the app.kubernetes.io/instance label)"),
        ("--log-file", "logFile", "also append messages to this file (Helm 4 hides stderr)"),
        ("--max-document-size", "maxDocumentSize", "largest document accepted, in characters (default 67108864)"),
    ];

    private static readonly (string Option, string Key, string Value, string Description)[] FlagOptions =
    [
        ("--no-populate", "populate", "false", "convert only; do not touch the secret store (for helmfile diff)"),
        ("--dry-run", "dryRun", "true", "read the store and report what would be written; write nothing"),
        ("--overwrite-existing", "overwriteExisting", "true", "replace values already in the store with the chart's"),
        ("--preserve", "preserve", "true", "copy documents that cannot be Secrets byte for byte (fastest; no canonical form)"),
        ("--skip-hooks", "skipHooks", "true", "leave helm hook Secrets unconverted (they are then not safe to commit)"),
        ("--prune", "prune", "true", "with an output directory: remove files of the release that are no longer rendered"),
        ("--debug", "debug", "true", "add stack traces to error messages"),
    ];

    private readonly List<((string Option, string Key, string Description) Spec, Option<string?> Option)> values;
    private readonly List<((string Option, string Key, string Value, string Description) Spec, Option<bool> Option)> flags;

    public RenderOptions(Command command, string outputDirDescription)
    {
        Config = new Option<string?>("--config") { Description = "configuration file (default: .secret-postrenderer.yaml here or in a parent directory)" };
        OutputDir = new Option<string?>("--output-dir") { Description = outputDirDescription };
        command.Options.Add(Config);
        command.Options.Add(OutputDir);
        values = ValueOptions.Select(spec => (spec, new Option<string?>(spec.Option) { Description = spec.Description })).ToList();
        flags = FlagOptions.Select(spec => (spec, new Option<bool>(spec.Option) { Description = spec.Description })).ToList();
        values.ForEach(pair => command.Options.Add(pair.Item2));
        flags.ForEach(pair => command.Options.Add(pair.Item2));
    }

    public Option<string?> Config { get; }

    public Option<string?> OutputDir { get; }

    /// <summary>The options given, as configuration keys and values.</summary>
    public Dictionary<string, string?> ToSettings(ParseResult parseResult)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (spec, option) in values)
        {
            if (parseResult.GetValue(option) is { } value)
            {
                settings[spec.Key] = value;
            }
        }

        foreach (var (spec, option) in flags)
        {
            if (parseResult.GetValue(option))
            {
                settings[spec.Key] = spec.Value;
            }
        }

        if (parseResult.GetValue(OutputDir) is { } outputDir)
        {
            settings["outputDir"] = outputDir;
        }

        return settings;
    }
}
