using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The Alibaba Cloud credentials file (<c>~/.alibabacloud/credentials</c>, an INI file the Alibaba Cloud SDKs share):
/// <c>[profile]</c> sections of <c>key = value</c> lines. The types the official libraries read (credentials-go
/// <c>providers/profile.go</c>: <c>access_key</c>, <c>ecs_ram_role</c>, <c>ram_role_arn</c>) and <c>sts</c> are
/// translated to the CLI configuration's modes; other types are refused with what to use instead.
/// </summary>
internal static class CredentialsFile
{
    // INI type -> CLI mode, and INI key -> CLI key where they differ.
    private static readonly Dictionary<string, string> Modes = new(StringComparer.Ordinal)
    {
        ["access_key"] = "AK",
        ["sts"] = "StsToken",
        ["ecs_ram_role"] = "EcsRamRole",
        ["ram_role_arn"] = "RamRoleArn",
    };

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["security_token"] = "sts_token",
        ["role_name"] = "ram_role_name",
        ["role_arn"] = "ram_role_arn",
        ["role_session_name"] = "ram_session_name",
    };

    public static CredentialProfile? Read(string path, string profile)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var section = Sections(path).GetValueOrDefault(profile)
            ?? throw new ConfigurationException($"alibaba: {path} has no profile [{profile}]; set ALIBABA_CLOUD_PROFILE to one it has");
        var type = section.GetValueOrDefault("type", "access_key");
        if (!Modes.TryGetValue(type, out var mode))
        {
            throw new ConfigurationException(
                $"alibaba: profile [{profile}] of {path} has type {type}, which this tool does not support; use type {string.Join(", ", Modes.Keys)}, "
                + "or RRSA (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)");
        }

        var fields = section.Where(pair => pair.Value.Length > 0).ToDictionary(pair => Keys.GetValueOrDefault(pair.Key, pair.Key), pair => pair.Value, StringComparer.Ordinal);
        return new CredentialProfile(mode, fields, $"profile [{profile}] of {path}");
    }

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
