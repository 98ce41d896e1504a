namespace PostRenderer.Stores.Aws;

/// <summary>AWS Secrets Manager settings; credentials come from the standard AWS chain.</summary>
public sealed record AwsSettings
{
    /// <summary>Region; else <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c>.</summary>
    public string? Region { get; init; }

    /// <summary>Role to assume with STS before calling Secrets Manager.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Endpoint URL; else <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c> or <c>AWS_ENDPOINT_URL</c>.</summary>
    public string? Endpoint { get; init; }
}
