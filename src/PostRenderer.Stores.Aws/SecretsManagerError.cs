using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// An error answer of the JSON 1.1 protocol: <c>{"__type": "...#ResourceNotFoundException", "message": "..."}</c>
/// (some services spell it <c>Message</c>; the type may also come only in <c>x-amzn-ErrorType</c>).
/// </summary>
internal sealed record SecretsManagerError(int Status, string Type, string? Message)
{
    public bool IsThrottling => Type is "ThrottlingException" or "TooManyRequestsException" or "RequestLimitExceeded" or "Throttling";

    public static SecretsManagerError Parse(int status, string? typeHeader, byte[] body)
    {
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or load balancer answered. The status alone has to do.
        }

        var type = Text(json, "__type") ?? typeHeader;
        var message = Text(json, "message") ?? Text(json, "Message");
        return new SecretsManagerError(status, ShortType(type) ?? $"HTTP{status}", message);
    }

    /// <summary>"com.amazonaws.secretsmanager#ResourceNotFoundException" and "ResourceNotFoundException:http://..." both mean ResourceNotFoundException.</summary>
    private static string? ShortType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var start = type.LastIndexOf('#') + 1;
        var end = type.IndexOf(':', start);
        return (end < 0 ? type[start..] : type[start..end]).Trim();
    }

    private static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
