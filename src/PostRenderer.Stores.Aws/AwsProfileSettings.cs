using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The region and endpoint settings of the selected profile (<c>AWS_PROFILE</c>, else <c>default</c>) in the shared
/// config file (<c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>), read from the injected environment as the AWS CLI
/// reads them: <c>[profile NAME]</c> sections (<c>[default]</c> for the default), <c>key = value</c> lines.
/// </summary>
internal sealed record AwsProfileSettings(string? Region, bool? UseFipsEndpoint, bool? UseDualStackEndpoint)
{
    public static AwsProfileSettings? Find(IReadOnlyDictionary<string, string> environment)
    {
        var home = OptionalText.Of(environment, "HOME") ?? OptionalText.Of(environment, "USERPROFILE");
        var path = OptionalText.Of(environment, "AWS_CONFIG_FILE") ?? (home is null ? null : Path.Combine(home, ".aws", "config"));
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var name = OptionalText.Of(environment, "AWS_PROFILE") ?? "default";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"aws: cannot read the AWS config file {path}: {ex.Message}", ex);
        }

        var values = Section(lines, name);
        return values is null
            ? null
            : new AwsProfileSettings(values.GetValueOrDefault("region"), Flag(values, "use_fips_endpoint", path), Flag(values, "use_dualstack_endpoint", path));
    }

    private static Dictionary<string, string>? Section(string[] lines, string profile)
    {
        Dictionary<string, string>? found = null;
        var inside = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var header = line[1..^1].Trim();
                inside = header == (profile == "default" ? "default" : $"profile {profile}") || (profile == "default" && header == "profile default");
                found ??= inside ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : null;
            }
            else if (inside && line.IndexOf('=') is > 0 and var equals && !line.StartsWith('#') && !line.StartsWith(';'))
            {
                found![line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return found;
    }

    private static bool? Flag(Dictionary<string, string> values, string key, string path) =>
        values.GetValueOrDefault(key) switch
        {
            null => null,
            { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            { } text => throw new ConfigurationException($"aws: {key} is '{text}' in {path}; use true or false"),
        };
}
