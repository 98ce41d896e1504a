using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The Alibaba Cloud credentials file (<c>~/.alibabacloud/credentials</c>, an INI file the Alibaba Cloud SDKs share):
/// <c>[profile]</c> sections of <c>key = value</c> lines. Profiles of type <c>access_key</c> and <c>sts</c> are read;
/// other types name a flow this tool does not run and are refused with what to use instead.
/// </summary>
internal static class CredentialsFile
{
    public static AlibabaCredentials? Read(string path, string profile)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var section = Sections(path).GetValueOrDefault(profile)
            ?? throw new ConfigurationException($"alibaba: {path} has no profile [{profile}]; set ALIBABA_CLOUD_PROFILE to one it has");
        var type = section.GetValueOrDefault("type", "access_key");
        if (type is not ("access_key" or "sts"))
        {
            throw new ConfigurationException(
                $"alibaba: profile [{profile}] of {path} has type {type}, which this tool does not support; use type access_key or sts, "
                + "or RRSA (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)");
        }

        return new AlibabaCredentials(
            Required(section, "access_key_id", path, profile),
            Required(section, "access_key_secret", path, profile),
            type == "sts" ? Required(section, "security_token", path, profile) : null);
    }

    private static string Required(Dictionary<string, string> section, string key, string path, string profile) =>
        section.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new ConfigurationException($"alibaba: profile [{profile}] of {path} has no {key}");

    private static Dictionary<string, Dictionary<string, string>> Sections(string path)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.Ordinal);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return sections;
    }
}
