using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The Alibaba Cloud CLI's configuration, <c>~/.aliyun/config.json</c> (or ALIBABA_CLOUD_CONFIG_FILE), as the
/// official credential libraries read it (credentials-go <c>providers/cli_profile.go</c>, credentials-python
/// <c>provider/cli_profile.py</c>): <c>{"current": "name", "profiles": [{"name", "mode", ...}]}</c>; the profile is
/// ALIBABA_CLOUD_PROFILE's, else <c>current</c>. Only reading: the CLI owns the file.
/// </summary>
internal static class CliConfigFile
{
    public static CredentialProfile? Read(string path, string? requestedProfile)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            // Not the parser's message: it can quote the file, which holds secrets.
            throw new ConfigurationException($"alibaba: {path} is not JSON (line {ex.LineNumber + 1}); fix it with `aliyun configure`, or set ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"alibaba: cannot read {path}: {ex.Message}", ex);
        }

        List<Dictionary<string, string>> profiles;
        string? current;
        using (document)
        {
            var root = document.RootElement;
            current = Text(root, "current");
            profiles = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).Select(Fields).ToList()
                : [];
        }

        // A profile ALIBABA_CLOUD_PROFILE names that this file lacks may be the credentials file's: the chain goes on.
        if (requestedProfile is not null && !profiles.Any(profile => profile.GetValueOrDefault("name") == requestedProfile))
        {
            return null;
        }

        var name = requestedProfile ?? current
            ?? throw new ConfigurationException($"alibaba: {path} names no current profile; set ALIBABA_CLOUD_PROFILE to one of its profiles");
        return Find(profiles, name, path);
    }

    private static CredentialProfile Find(List<Dictionary<string, string>> profiles, string name, string path)
    {
        var fields = profiles.FirstOrDefault(profile => profile.GetValueOrDefault("name") == name);
        if (fields is null)
        {
            var names = string.Join(", ", profiles.Select(profile => profile.GetValueOrDefault("name")).OfType<string>());
            throw new ConfigurationException($"alibaba: {path} has no profile '{name}' (it has: {(names.Length == 0 ? "none" : names)}); set ALIBABA_CLOUD_PROFILE to one it has");
        }

        var mode = fields.GetValueOrDefault("mode", "AK");
        return new CredentialProfile(mode, fields, $"profile '{name}' ({mode}) of {path}")
        {
            Source = fields.TryGetValue("source_profile", out var source) ? () => Find(profiles, source, path) : null,
        };
    }

    /// <summary>A profile's non-empty string, number and boolean fields, as text.</summary>
    private static Dictionary<string, string> Fields(JsonElement profile)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in profile.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value))
            {
                fields[property.Name] = value.Trim();
            }
        }

        return fields;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text ? text : null;
}
