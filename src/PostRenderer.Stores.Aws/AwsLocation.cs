using Amazon;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Region and endpoints, resolved the way the AWS CLI does: settings first, then the environment
/// (<c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c>),
/// then the selected profile of <c>~/.aws/config</c>, then the public endpoint of the region's partition (FIPS and
/// dual-stack as <c>AWS_USE_FIPS_ENDPOINT</c>, <c>AWS_USE_DUALSTACK_ENDPOINT</c> or the profile say).
/// </summary>
internal sealed record AwsLocation(RegionEndpoint Region, Uri SecretsManagerEndpoint, Uri? StsEndpoint)
{
    public static AwsLocation Resolve(AwsSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        var profile = AwsProfileSettings.Find(environment);
        var region = OptionalText.Of(settings.Region)
            ?? OptionalText.Of(environment, "AWS_REGION")
            ?? OptionalText.Of(environment, "AWS_DEFAULT_REGION")
            ?? OptionalText.Of(profile?.Region)
            ?? throw new ConfigurationException("aws: no region: set aws.region in the settings, or AWS_REGION / AWS_DEFAULT_REGION, or region in the AWS profile");

        var secretsManager = ParseEndpoint(OptionalText.Of(settings.Endpoint), "aws.endpoint")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL_SECRETS_MANAGER"), "AWS_ENDPOINT_URL_SECRETS_MANAGER")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL")
            ?? PartitionEndpoint.For(
                region,
                Flag(environment, "AWS_USE_FIPS_ENDPOINT") ?? profile?.UseFipsEndpoint ?? false,
                Flag(environment, "AWS_USE_DUALSTACK_ENDPOINT") ?? profile?.UseDualStackEndpoint ?? false);
        var sts = ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
        return new AwsLocation(RegionEndpoint.GetBySystemName(region), secretsManager, sts);
    }

    private static bool? Flag(IReadOnlyDictionary<string, string> environment, string name) =>
        OptionalText.Of(environment, name) switch
        {
            null => null,
            { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            { } text => throw new ConfigurationException($"aws: {name} is '{text}'; use true or false"),
        };

    private static Uri? ParseEndpoint(string? text, string source)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConfigurationException($"aws: {source} '{text}' is not an http(s) URL");
        }

        return uri;
    }
}
