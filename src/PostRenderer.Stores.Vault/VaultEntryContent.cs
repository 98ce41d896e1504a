using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>An entry's data as population needs it: one JSON object of strings. Anything else is refused, without quoting it.</summary>
internal static class VaultEntryContent
{
    public static Dictionary<string, string> Parse(JsonNode? data, string entry)
    {
        if (data is not JsonObject properties)
        {
            throw new StoreException(VaultStore.StoreName, entry,
                $"the entry's data is {Describe(data)}, not a JSON object of strings; entries this tool manages hold one object of the Secret's keys");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            result[key] = value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                ? scalar.GetValue<string>()
                : throw new StoreException(VaultStore.StoreName, entry,
                    $"property '{key}' is {Describe(value)}, not a string; entries this tool manages hold only string values (binary as base64)");
        }

        return result;
    }

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Array => "a JSON array",
        JsonValueKind.String => "a JSON string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "a JSON object",
        _ => "not JSON",
    };
}
