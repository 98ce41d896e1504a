using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// An entry's SecretString: one JSON object of string properties, which is what ESO's
/// <c>remoteRef.property</c> reads. Errors name the entry, never its content.
/// </summary>
internal static class SecretStringContent
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Dictionary<string, string> Parse(string entry, string secretString, string store = "aws", string what = "SecretString")
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(secretString);
        }
        catch (JsonException ex)
        {
            // The exception's own message can quote the text; keep it out of the chain.
            throw new StoreException(store, entry, $"{what} is not JSON (error at line {ex.LineNumber + 1}); it must be a JSON object of string properties, fix or delete the secret");
        }

        if (node is not JsonObject properties)
        {
            throw new StoreException(store, entry, $"{what} holds a JSON {node?.GetValueKind().ToString() ?? "null"}, not an object of string properties; fix or delete the secret");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            result[key] = value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                ? scalar.GetValue<string>()
                : throw new StoreException(store, entry, $"property '{key}' of {what} is not a string; fix or delete the secret");
        }

        return result;
    }

    public static string Format(IReadOnlyDictionary<string, string> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
