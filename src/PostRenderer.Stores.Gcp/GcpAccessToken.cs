namespace PostRenderer.Stores.Gcp;

/// <summary>
/// An OAuth2 access token for Secret Manager, when it stops being valid, and the project to bill (user credentials
/// need it, as x-goog-user-project). Its value never goes into a message.
/// </summary>
internal sealed record GcpAccessToken(string Value, DateTimeOffset ExpiresAt, string? QuotaProject = null)
{
    // Renewed this long before it expires, so that a request never leaves with a token that dies on the way.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(4);

    public bool IsFresh(DateTimeOffset now) => now + Margin < ExpiresAt;
}
