namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>AWS Systems Manager Parameter Store settings; credentials, region and endpoints are resolved as for Secrets Manager.</summary>
public sealed record ParameterStoreSettings
{
    public static readonly string[] Tiers = ["Standard", "Advanced", "Intelligent-Tiering"];

    /// <summary>Region; else <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c>, then the profile's.</summary>
    public string? Region { get; init; }

    /// <summary>Role to assume with STS before calling Systems Manager.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Endpoint URL; else <c>AWS_ENDPOINT_URL_SSM</c> or <c>AWS_ENDPOINT_URL</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The KMS key new SecureString parameters are encrypted with; else the account's <c>alias/aws/ssm</c>.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>The tier of new parameters: Standard (4 KB values), Advanced (8 KB, charged), Intelligent-Tiering.</summary>
    public string Tier { get; init; } = "Standard";
}
