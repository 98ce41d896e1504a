namespace PostRenderer.Stores.Alibaba;

/// <summary>Alibaba Cloud KMS Secrets Manager settings; credentials come from the Alibaba Cloud chain (environment, RRSA, credentials file).</summary>
public sealed record AlibabaSettings
{
    /// <summary>Region, e.g. <c>cn-hangzhou</c>; else <c>ALIBABA_CLOUD_REGION_ID</c>.</summary>
    public string? RegionId { get; init; }

    /// <summary>KMS endpoint URL; default <c>https://kms.&lt;region&gt;.aliyuncs.com</c> (a KMS instance endpoint, a VPC endpoint, a test fake).</summary>
    public string? Endpoint { get; init; }

    /// <summary>STS endpoint URL for RRSA; default <c>https://sts.&lt;region&gt;.aliyuncs.com</c>.</summary>
    public string? StsEndpoint { get; init; }

    /// <summary>KMS key that encrypts secrets this tool creates; default: the key KMS chooses.</summary>
    public string? EncryptionKeyId { get; init; }
}
