using System.Collections;
using System.CommandLine;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;

namespace PostRenderer.Cli;

/// <summary>The default command: stdin to stdout conversion. Options map one-to-one onto configuration keys.</summary>
internal static class ConvertCommand
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
        ("--log-file", "logFile", "also append messages to this file (Helm 4 hides stderr)"),
        ("--max-document-size", "maxDocumentSize", "largest document accepted, in characters (default 67108864)"),
    ];

    private static readonly (string Option, string Key, string Value, string Description)[] FlagOptions =
    [
        ("--no-populate", "populate", "false", "convert only; do not touch the secret store (for helmfile diff)"),
        ("--dry-run", "dryRun", "true", "read the store and report what would be written; write nothing"),
        ("--overwrite-existing", "overwriteExisting", "true", "replace values already in the store with the chart's"),
        ("--debug", "debug", "true", "add stack traces to error messages"),
    ];

    public static void Configure(RootCommand root)
    {
        var config = new Option<string?>("--config") { Description = "configuration file (default: .secret-postrenderer.yaml here or in a parent directory)" };
        root.Options.Add(config);
        var values = ValueOptions.Select(spec => (Spec: spec, Option: new Option<string?>(spec.Option) { Description = spec.Description })).ToList();
        var flags = FlagOptions.Select(spec => (Spec: spec, Option: new Option<bool>(spec.Option) { Description = spec.Description })).ToList();
        values.ForEach(pair => root.Options.Add(pair.Option));
        flags.ForEach(pair => root.Options.Add(pair.Option));

        root.SetAction(parseResult =>
        {
            var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (spec, option) in values)
            {
                if (parseResult.GetValue(option) is { } value)
                {
                    commandLine[spec.Key] = value;
                }
            }

            foreach (var (spec, option) in flags)
            {
                if (parseResult.GetValue(option))
                {
                    commandLine[spec.Key] = spec.Value;
                }
            }

            return Run(parseResult.GetValue(config), commandLine);
        });
    }

    private static int Run(string? configPath, Dictionary<string, string?> commandLine)
    {
        var sources = new SettingsSources(Environment.CurrentDirectory, ReadEnvironment(), configPath, commandLine);
        using var input = StandardStreams.OpenInput(Console.OpenStandardInput());
        using var output = StandardStreams.OpenOutput(Console.OpenStandardOutput());
        var errors = Console.Error;
        try
        {
            return RenderRunner.Run(new RunRequest(sources, input, output, errors) { StoreFactories = StoreFactories.All });
        }
        catch (IOException ex)
        {
            // stdout closed early (e.g. piped into head): nothing more can be delivered.
            errors.WriteLine($"secret-postrenderer: error: cannot write output: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static Dictionary<string, string> ReadEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return result;
    }
}
