using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>The region and the two endpoints the store calls: KMS for secrets, STS for RRSA.</summary>
internal sealed record AlibabaLocation(string RegionId, Uri KmsEndpoint, Uri StsEndpoint)
{
    private const string RegionVariable = "ALIBABA_CLOUD_REGION_ID";

    public static AlibabaLocation Resolve(AlibabaSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        var region = Trimmed(settings.RegionId) ?? Trimmed(environment.GetValueOrDefault(RegionVariable))
            ?? throw new ConfigurationException($"alibaba: no region for KMS; set alibaba.regionId in the settings (e.g. cn-hangzhou), or {RegionVariable}");
        if (!region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ConfigurationException($"alibaba: regionId '{region}' is not a region id such as cn-hangzhou or ap-southeast-1");
        }

        return new AlibabaLocation(
            region,
            Endpoint(settings.Endpoint, "endpoint") ?? new Uri($"https://kms.{region}.aliyuncs.com/"),
            Endpoint(settings.StsEndpoint, "stsEndpoint") ?? new Uri($"https://sts.{region}.aliyuncs.com/"));
    }

    private static Uri? Endpoint(string? text, string setting)
    {
        if (Trimmed(text) is not { } value)
        {
            return null;
        }

        // A bare host name, as Alibaba Cloud documents endpoints, means HTTPS.
        var withScheme = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        if (!Uri.TryCreate(withScheme.EndsWith('/') ? withScheme : withScheme + "/", UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
            || endpoint.AbsolutePath != "/")
        {
            throw new ConfigurationException($"alibaba: {setting} '{text}' is not an http(s) URL or host name without a path");
        }

        return endpoint;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
