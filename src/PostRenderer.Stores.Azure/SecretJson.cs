using System.Buffers;
using System.Text;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// The content of one Key Vault secret: a JSON object of string values, which is what ESO's
/// <c>remoteRef.property</c> resolves. Messages never quote the content, and parser errors are not attached
/// because their text can echo characters of the secret.
/// </summary>
internal static class SecretJson
{
    public const string ContentType = "application/json";

    public static IReadOnlyDictionary<string, string> Parse(string entry, string? content)
    {
        using var document = TryParse(content) ?? throw Invalid(entry, "holds text that is not JSON");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(entry, $"holds a JSON {Describe(root.ValueKind)}");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(entry, $"has key '{property.Name}' holding a JSON {Describe(property.Value.ValueKind)}");
            }

            properties[property.Name] = property.Value.GetString()!;
        }

        return properties;
    }

    public static string Serialize(IReadOnlyDictionary<string, string> properties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonDocument? TryParse(string? content)
    {
        try
        {
            return JsonDocument.Parse(content ?? "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StoreException Invalid(string entry, string problem) =>
        new(AzureKeyVaultStore.StoreName, entry, $"{problem}; expected one JSON object of string values, e.g. {{\"username\":\"...\",\"password\":\"...\"}}. Fix or delete the secret in the vault (its content is not shown)");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value that is not an object",
    };
}
