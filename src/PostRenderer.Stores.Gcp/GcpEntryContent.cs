using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// The payload of one version: a JSON object of string properties, which is what ESO's
/// <c>remoteRef.property</c> resolves. Errors name the entry, never the content.
/// </summary>
internal static class GcpEntryContent
{
    public static byte[] Serialize(IReadOnlyDictionary<string, string> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static Dictionary<string, string> Parse(string store, string entry, byte[] payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw new StoreException(store, entry, "the latest version is not JSON; expected a JSON object of string properties (was it written by another tool?)", WithoutContent(ex));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StoreException(store, entry, $"the latest version holds a JSON {Describe(document.RootElement.ValueKind)}, not a JSON object of string properties");
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new StoreException(store, entry, $"property '{property.Name}' of the latest version is a JSON {Describe(property.Value.ValueKind)}, not a string");
                }

                properties[property.Name] = property.Value.GetString()!;
            }

            return properties;
        }
    }

    // JsonException messages can quote the offending text, which here is secret.
    private static InvalidDataException WithoutContent(JsonException ex) =>
        new($"invalid JSON at byte {ex.BytePositionInLine} of line {ex.LineNumber}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
