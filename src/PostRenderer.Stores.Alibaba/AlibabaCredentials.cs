namespace PostRenderer.Stores.Alibaba;

/// <summary>An AccessKey pair, with the security token of temporary (STS) credentials. Never formatted whole.</summary>
internal sealed record AlibabaCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken, DateTimeOffset? Expiration = null)
{
    public override string ToString() => $"AlibabaCredentials({AccessKeyId}{(SecurityToken is null ? "" : ", temporary")})";
}
