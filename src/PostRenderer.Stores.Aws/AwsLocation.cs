using Amazon;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Region and endpoints, resolved the way the AWS CLI does: settings first, then the environment
/// (<c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c>),
/// then the public regional endpoint.
/// </summary>
internal sealed record AwsLocation(RegionEndpoint Region, Uri SecretsManagerEndpoint, Uri? StsEndpoint)
{
    public static AwsLocation Resolve(AwsSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        var region = OptionalText.Of(settings.Region)
            ?? OptionalText.Of(environment, "AWS_REGION")
            ?? OptionalText.Of(environment, "AWS_DEFAULT_REGION")
            ?? throw new ConfigurationException("aws: no region: set aws.region in the settings, or AWS_REGION / AWS_DEFAULT_REGION");

        var secretsManager = ParseEndpoint(OptionalText.Of(settings.Endpoint), "aws.endpoint")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL_SECRETS_MANAGER"), "AWS_ENDPOINT_URL_SECRETS_MANAGER")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL")
            ?? new Uri($"https://secretsmanager.{region}.amazonaws.com/");
        var sts = ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS")
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
        return new AwsLocation(RegionEndpoint.GetBySystemName(region), secretsManager, sts);
    }

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
