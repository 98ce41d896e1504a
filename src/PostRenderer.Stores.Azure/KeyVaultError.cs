using System.Text.Json;
using Azure;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// The codes of a Key Vault error body, <c>{"error":{"code":"Forbidden","innererror":{"code":"SecretDisabled"}}}</c>.
/// Only the codes are kept: they say what went wrong, and unlike free text they cannot carry anything secret.
/// </summary>
internal sealed record KeyVaultError(int Status, string? Code, string? InnerCode)
{
    public static KeyVaultError From(RequestFailedException exception)
    {
        var innerCode = default(string);
        try
        {
            var content = exception.GetRawResponse()?.Content;
            if (content is not null && content.ToMemory().Length > 0)
            {
                using var document = JsonDocument.Parse(content.ToMemory());
                innerCode = CodeOf(Child(Child(document.RootElement, "error"), "innererror"));
            }
        }
        catch (JsonException)
        {
            // Not Key Vault's error format (a proxy's page, say); the status and the SDK's code still tell enough.
        }

        return new KeyVaultError(exception.Status, exception.ErrorCode, innerCode);
    }

    public bool Is(string code) =>
        string.Equals(Code, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(InnerCode, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>"403 Forbidden, ForbiddenByRbac": what the vault said, for messages.</summary>
    public override string ToString()
    {
        var codes = string.Join(", ", new[] { Code, InnerCode }.Where(code => !string.IsNullOrEmpty(code)).Distinct(StringComparer.Ordinal));
        return codes.Length == 0 ? $"HTTP {Status}" : $"HTTP {Status} {codes}";
    }

    private static JsonElement? Child(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var child) ? child : null;

    private static string? CodeOf(JsonElement? element) =>
        Child(element, "code") is { ValueKind: JsonValueKind.String } code ? code.GetString() : null;
}
