using System.Text.Json;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// An Alibaba Cloud RPC error answer: <c>{"RequestId": "...", "HostId": "...", "Code": "Forbidden.ResourceNotFound",
/// "Message": "..."}</c>. Messages name resources and permissions, never secret values, so they are safe to show.
/// </summary>
internal sealed record KmsError(int Status, string Code, string? Message, string? RequestId)
{
    private const int MaxMessageLength = 300;

    /// <summary>
    /// The request was refused for its rate, not its content: the gateway's Throttling, Throttling.User,
    /// Throttling.Api..., and KMS's own 429 Rejected.Throttling "The QPS upper limit is exceeded." (KMS API reference,
    /// CreateSecret error codes).
    /// </summary>
    public bool IsThrottling => Code.StartsWith("Throttling", StringComparison.Ordinal) || Code == "Rejected.Throttling";

    public static KmsError Parse(int status, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return new KmsError(status, Text(root, "Code") ?? $"HTTP{status}", Shorten(WithoutStringToSign(Text(root, "Message"))), Text(root, "RequestId"));
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer answered; the status is all there is.
        }

        return new KmsError(status, $"HTTP{status}", null, null);
    }

    /// <summary>
    /// This error with <paramref name="secret"/> cut out of its message, for the rare service message that echoes a
    /// parameter (a token, a value): messages must never carry one.
    /// </summary>
    public KmsError Without(string? secret) =>
        Message is null || string.IsNullOrEmpty(secret) || !Message.Contains(secret, StringComparison.Ordinal)
            ? this
            : this with { Message = Message.Replace(secret, "(redacted)", StringComparison.Ordinal) };

    public override string ToString() =>
        $"{Code} (HTTP {Status}){(Message is null ? "" : ": " + Message.TrimEnd('.'))}{(RequestId is null ? "" : $" [request {RequestId}]")}";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A signature error quotes the server's string to sign: noise for the user, and parameters in older signature
    // versions. The sentence before it says all there is.
    private static string? WithoutStringToSign(string? message) =>
        message?.IndexOf("server string to sign", StringComparison.OrdinalIgnoreCase) is > 0 and var at ? message[..at].TrimEnd() : message;

    private static string? Shorten(string? message) =>
        message is null || message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength), "...");
}
