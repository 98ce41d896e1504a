using System.Globalization;
using System.Text.Json.Nodes;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.Hardening;

/// <summary>
/// Runs one generated case through the whole converter in-process (as the CLI does) with randomly chosen options
/// (format, file-store population, --output-dir, --log-file, --namespace) and judges it: null when every property
/// holds, else a description of the first violation.
/// </summary>
public sealed class GeneratedCaseRunner(string workDirectory)
{
    public TimeSpan RenderTime { get; private set; }

    public int Populated { get; private set; }

    public int Split { get; private set; }

    public int Logged { get; private set; }

    public int Failed { get; private set; }

    public int SecretsConverted { get; private set; }

    public int SecretsPassedThrough { get; private set; }

    public int ValuesChecked { get; private set; }

    public string? Run(int caseSeed)
    {
        var options = new Random(caseSeed ^ 0x5bd1e995);
        var generator = new SecretStreamGenerator(caseSeed);
        var split = options.Next(100) < 10;
        var generated = generator.Next(caseSeed, resourcesOnly: split);
        if (Environment.GetEnvironmentVariable("GENERATED_CASE_DUMP") is { Length: > 0 } dump)
        {
            // To look at a failing case by hand: GENERATED_CASE_DUMP=DIR keeps every generated input there.
            File.WriteAllBytes(Path.Combine(dump, caseSeed.ToString(CultureInfo.InvariantCulture) + ".yaml"), generated.Input);
        }
        var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var formatRoll = options.Next(100);
        var kes = formatRoll >= 85;
        commandLine["format"] = formatRoll < 65 ? "eso-v1" : kes ? "kes" : "eso-v1beta1";
        if (kes)
        {
            commandLine["backend"] = "vault";
        }

        // Files only for the cases that need them: creating directories costs more than a small render.
        var caseDirectory = Path.Combine(workDirectory, "case-" + caseSeed.ToString(CultureInfo.InvariantCulture));
        try
        {
            string? storePath = null;
            if (!kes && options.Next(100) < 10)
            {
                storePath = Path.Combine(caseDirectory, "store", "secrets.json");
                commandLine["populate"] = "true";
                commandLine["file:path"] = storePath;
                Populated++;
            }

            string? outputDir = null;
            if (split)
            {
                outputDir = Path.Combine(caseDirectory, "gitops");
                commandLine["outputDir"] = outputDir;
                commandLine["release"] = "rel";
                Split++;
            }

            string? logFile = null;
            if (options.Next(100) < 20)
            {
                logFile = Path.Combine(caseDirectory, "render.log");
                commandLine["logFile"] = logFile;
                Logged++;
            }

            var defaultNamespace = "default";
            if (options.Next(4) == 0)
            {
                defaultNamespace = "team-" + options.Next(10).ToString(CultureInfo.InvariantCulture);
                commandLine["namespace"] = defaultNamespace;
            }

            if (storePath is not null || outputDir is not null || logFile is not null)
            {
                Directory.CreateDirectory(caseDirectory);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var run = InProcessRun.Execute(generated.Input, workDirectory, commandLine: commandLine);
            RenderTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            return Judge(generated, run, storePath, outputDir, logFile, defaultNamespace);
        }
        finally
        {
            DeleteWhenQuiet(caseDirectory);
        }
    }

    // After an input error the run returns without waiting for store writes already in flight (see the report
    // of issue 6), so the file store's directory may still change for a moment.
    private static void DeleteWhenQuiet(string directory)
    {
        for (var attempt = 0; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }

    private string? Judge(GeneratedCase generated, InProcessRun run, string? storePath, string? outputDir, string? logFile, string defaultNamespace)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal) { ["stdout"] = run.Output, ["stderr"] = run.Errors };
        if (logFile is not null && File.Exists(logFile))
        {
            texts["the log file"] = File.ReadAllText(logFile);
        }

        if (outputDir is not null)
        {
            foreach (var (name, text) in LeakChecks.FilesUnder(outputDir))
            {
                texts[name] = text;
            }
        }

        var protectedValues = generated.ProtectedValues().ToList();
        ValuesChecked += protectedValues.Count;
        if (generated.InvalidValue is { } invalid)
        {
            Failed++;
            if (run.ExitCode != 2 || !run.Errors.Contains("is not valid base64", StringComparison.Ordinal))
            {
                return $"a Secret with invalid base64 gave exit {run.ExitCode}, expected 2 with 'is not valid base64': {run.Errors}";
            }

            if (texts.Any(text => text.Value.Contains(invalid[..^2], StringComparison.Ordinal)))
            {
                return "the invalid base64 value appears in an output";
            }

            if (outputDir is not null && Directory.Exists(outputDir) && Directory.EnumerateFiles(outputDir, "*", SearchOption.AllDirectories).Any())
            {
                return "a failed run left files in the output directory";
            }

            return LeakChecks.FindLeak(protectedValues, texts);
        }

        if (run.ExitCode != 0)
        {
            return $"exit {run.ExitCode} for a valid stream: {run.Errors}";
        }

        if (run.Errors.Contains(": error:", StringComparison.Ordinal) || run.Output.Length == 0)
        {
            return $"exit 0 with an error message or with empty output: {run.Errors}";
        }

        var leak = LeakChecks.FindLeak(protectedValues, texts);
        if (leak is not null)
        {
            return leak;
        }

        var inventory = OutputInventory.Read(run.Output);
        foreach (var secret in generated.Secrets)
        {
            if (secret.ExpectConverted)
            {
                SecretsConverted++;
                if (!inventory.ExternalSecrets.TryGetValue(secret.Name, out var keys))
                {
                    return $"Secret {secret.Name} did not become an ExternalSecret";
                }

                if (!keys.SetEquals(secret.Values.Select(value => value.Key)))
                {
                    return $"ExternalSecret {secret.Name} fetches [{string.Join(", ", keys)}], expected [{string.Join(", ", secret.Values.Select(v => v.Key))}]";
                }

                if (inventory.Secrets.Contains(secret.Name))
                {
                    return $"Secret {secret.Name} was converted and also written as a Secret";
                }
            }
            else
            {
                SecretsPassedThrough++;
                if (!inventory.Secrets.Contains(secret.Name) || inventory.ExternalSecrets.ContainsKey(secret.Name))
                {
                    return $"Secret {secret.Name} should have been passed through by a documented rule";
                }
            }
        }

        var converted = generated.Secrets.Count(secret => secret.ExpectConverted);
        if (inventory.ExternalSecretCount != converted)
        {
            return $"{inventory.ExternalSecretCount} ExternalSecrets in the output for {converted} convertible Secrets";
        }

        if (outputDir is not null)
        {
            // One file per resource, besides each release folder's record of them (.secret-postrenderer-files).
            var files = Directory.EnumerateFiles(outputDir, "*.yaml", SearchOption.AllDirectories).Count();
            if (files != generated.ResourceCount)
            {
                return $"{files} split files for {generated.ResourceCount} resources";
            }
        }

        if (storePath is not null)
        {
            return CheckStore(generated, storePath, defaultNamespace);
        }

        return null;
    }

    private static string? CheckStore(GeneratedCase generated, string storePath, string defaultNamespace)
    {
        var converted = generated.Secrets.Where(secret => secret.ExpectConverted).ToList();
        if (converted.Count == 0)
        {
            return null;
        }

        if (File.GetUnixFileMode(storePath) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            return $"the file store is mode {File.GetUnixFileMode(storePath)}, not 0600";
        }

        var store = JsonNode.Parse(File.ReadAllText(storePath))!.AsObject();
        foreach (var secret in converted)
        {
            var entry = $"{secret.Namespace ?? defaultNamespace}/{secret.Name}";
            if (store[entry] is not JsonObject properties)
            {
                return $"the store has no entry {entry}";
            }

            foreach (var value in secret.Values)
            {
                if (properties[value.Key]?.GetValue<string>() != value.StoreText)
                {
                    return $"store entry {entry} property {value.Key} does not hold the Secret's value";
                }
            }

            if (properties.Count != secret.Values.Count)
            {
                return $"store entry {entry} has {properties.Count} properties, expected {secret.Values.Count}";
            }
        }

        return null;
    }
}
