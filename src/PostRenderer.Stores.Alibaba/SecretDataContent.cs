using System.Text.Encodings.Web;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// An entry's SecretData: one JSON object of string properties, which ESO's <c>remoteRef.property</c> reads.
/// Errors name the entry, never the content.
/// </summary>
internal static class SecretDataContent
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Dictionary<string, string> Parse(string entry, string secretData)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(secretData);
        }
        catch (JsonException ex)
        {
            // Not chained: the parser's message can quote the text, which is secret.
            throw new StoreException(AlibabaStore.StoreName, entry, $"SecretData is not JSON (error at line {ex.LineNumber + 1}); it must be a JSON object of string properties, fix or delete the secret");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StoreException(AlibabaStore.StoreName, entry, $"SecretData holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object of string properties; fix or delete the secret");
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new StoreException(AlibabaStore.StoreName, entry, $"property '{property.Name}' of SecretData is not a string; fix or delete the secret");
            }

            return properties;
        }
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
