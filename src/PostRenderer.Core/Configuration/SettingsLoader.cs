using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Layers the configuration: file (ours, or else Jenkins X's mapping), then <c>SECRET_POSTRENDERER_*</c>
/// environment variables, then command-line options; each layer overrides the one before.
/// </summary>
internal static class SettingsLoader
{
    public const string EnvironmentPrefix = "SECRET_POSTRENDERER_";

    /// <summary>Where the tools that run this one say the release's namespace, in the order they are believed.</summary>
    public static readonly string[] NamespaceVariables = ["HELM_NAMESPACE", "ARGOCD_APP_NAMESPACE"];

    public static Settings Load(SettingsSources sources)
    {
        var (fileValues, origin) = ReadFileLayer(sources);
        var environmentValues = ReadEnvironmentLayer(sources.Environment);
        var configuration = SettingsTree.Build(fileValues, environmentValues, sources.CommandLine);

        string DescribeOrigin(string key)
        {
            if (sources.CommandLine.Keys.Any(k => SameKey(k, key)))
            {
                return " (from the command line)";
            }

            var fromEnvironment = environmentValues.Keys.FirstOrDefault(k => SameKey(k, key));
            if (fromEnvironment is not null)
            {
                return $" (from environment variable {EnvironmentPrefix}{fromEnvironment.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()})";
            }

            return origin == "defaults" ? "" : $" (in {origin}{ConfigFileLines.Describe(origin, key)})";
        }

        var settings = SettingsReader.Read(configuration, origin, DescribeOrigin, sources.Registry);
        return ApplyPrecedence(settings, sources);
    }

    private static Settings ApplyPrecedence(Settings settings, SettingsSources sources)
    {
        // The namespace for Secrets without one: --namespace, else HELM_NAMESPACE (helm), else ARGOCD_APP_NAMESPACE (an
        // Argo CD config management plugin), else the configuration.
        if (!sources.CommandLine.ContainsKey("namespace"))
        {
            foreach (var variable in NamespaceVariables)
            {
                if (sources.Environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment.Length > 0)
                {
                    settings = settings with { Namespace = fromEnvironment, NamespaceGiven = true };
                    break;
                }
            }
        }

        if (sources.Environment.TryGetValue("JX_NO_POPULATE", out var jxNoPopulate) && IsTrue(jxNoPopulate))
        {
            settings = settings with { Populate = settings.Populate with { Enabled = false } };
        }

        return settings;
    }

    private static (Dictionary<string, string?> Values, string Origin) ReadFileLayer(SettingsSources sources)
    {
        var explicitPath = sources.ConfigPath
            ?? (sources.Environment.TryGetValue(EnvironmentPrefix + "CONFIG", out var fromEnvironment) && fromEnvironment.Length > 0
                ? fromEnvironment
                : null);
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, sources.WorkingDirectory);
            if (Directory.Exists(full))
            {
                throw new ConfigurationException($"configuration file {explicitPath} is a folder; give --config the YAML file (.secret-postrenderer.yaml) itself");
            }

            if (!File.Exists(full))
            {
                throw new ConfigurationException($"cannot read configuration file {explicitPath}: no such file");
            }

            return (YamlFlattener.Flatten(YamlFlattener.ReadFile(full), full), full);
        }

        var found = ConfigFileLocator.FindUpwards(sources.WorkingDirectory, ConfigFileLocator.FileName);
        if (found is not null)
        {
            return (YamlFlattener.Flatten(YamlFlattener.ReadFile(found), found), found);
        }

        var jenkinsX = FindJenkinsXMapping(sources);
        return jenkinsX is not null
            ? (JenkinsXMapping.Translate(jenkinsX, sources.Registry), jenkinsX)
            : (new Dictionary<string, string?>(), "defaults");
    }

    private static string? FindJenkinsXMapping(SettingsSources sources)
    {
        if (sources.Environment.TryGetValue("JX_DIR", out var jxDir) && jxDir.Length > 0)
        {
            var candidate = Path.Combine(Path.GetFullPath(jxDir, sources.WorkingDirectory), ConfigFileLocator.JenkinsXMapping);
            return File.Exists(candidate) ? candidate : null;
        }

        return ConfigFileLocator.FindUpwards(sources.WorkingDirectory, ConfigFileLocator.JenkinsXMapping);
    }

    private static Dictionary<string, string?> ReadEnvironmentLayer(IReadOnlyDictionary<string, string> environment)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                result[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        return result;
    }

    private static bool SameKey(string a, string b)
    {
        var left = a.Split(':').Select(SettingsTree.Normalize);
        var right = b.Split(':').Select(SettingsTree.Normalize);
        return left.SequenceEqual(right);
    }

    /// <summary>
    /// One setting from the command line or the environment alone, its name matched as a full load matches it:
    /// for what must work before, or without, a configuration that loads (--debug, --log-file).
    /// </summary>
    internal static string? EarlyValue(SettingsSources sources, string key) =>
        SettingsTree.Build(ReadEnvironmentLayer(sources.Environment), sources.CommandLine).Child(key)?.Value;

    internal static bool IsTrue(string? value) => value?.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on";
}
