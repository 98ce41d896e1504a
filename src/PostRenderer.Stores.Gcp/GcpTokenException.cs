namespace PostRenderer.Stores.Gcp;

/// <summary>
/// A token endpoint refused: its OAuth2 error code and description (invalid_grant, "Invalid JWT Signature."),
/// which name the problem and hold no key material.
/// </summary>
internal sealed class GcpTokenException(string error, string? description)
    : Exception(string.IsNullOrEmpty(description) ? error : $"{error} ({description})")
{
    public string Error { get; } = error;
}
