using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Vault;

/// <summary>A Vault answer: its status and its JSON body (null when empty or not JSON).</summary>
internal sealed record VaultResponse(HttpStatusCode Status, JsonNode? Body, bool IsJson)
{
    private const int MaxErrorLength = 300;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Vault's own "errors" list, joined and shortened; Vault never echoes secrets or tokens in it.</summary>
    public string Errors
    {
        get
        {
            var errors = Body is JsonObject { } root && root["errors"] is JsonArray list
                ? string.Join("; ", list.Select(error => error is JsonValue value && value.TryGetValue<string>(out var text) ? text : ""))
                : "";
            return errors.Length > MaxErrorLength ? errors[..MaxErrorLength] + "..." : errors;
        }
    }

    public static VaultResponse From(HttpStatusCode status, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new VaultResponse(status, null, true);
        }

        try
        {
            return new VaultResponse(status, JsonNode.Parse(text), true);
        }
        catch (JsonException)
        {
            return new VaultResponse(status, null, false);
        }
    }
}
