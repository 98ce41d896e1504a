using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Vault;

/// <summary>A Vault answer: its status and its JSON body (null when empty or not JSON).</summary>
/// <param name="Attempts">How many times the request was sent before this answer (more than 1: an earlier attempt may have been applied).</param>
internal sealed record VaultResponse(HttpStatusCode Status, JsonNode? Body, bool IsJson, int Attempts = 1)
{
    private const int MaxErrorLength = 300;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>
    /// True when Vault answered with a response-wrapping token instead of the result: a Control Group (Vault
    /// Enterprise) holds the request for approval, or wrapping was forced on it. The request was not carried out.
    /// </summary>
    public bool IsWrapped => Body is JsonObject root && root["wrap_info"] is JsonObject;

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

    public static VaultResponse From(HttpStatusCode status, string text, int attempts = 1)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new VaultResponse(status, null, true, attempts);
        }

        try
        {
            return new VaultResponse(status, JsonNode.Parse(text), true, attempts);
        }
        catch (JsonException)
        {
            return new VaultResponse(status, null, false, attempts);
        }
    }
}
