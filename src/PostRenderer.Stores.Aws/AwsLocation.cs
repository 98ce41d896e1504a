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
internal sealed record AwsLocation(RegionEndpoint Region, Uri ServiceEndpoint, Uri? StsEndpoint)
{
    public static AwsLocation Resolve(AwsSettings settings, IReadOnlyDictionary<string, string> environment) =>
        Resolve(AwsService.SecretsManager, settings.Region, settings.Endpoint, environment);

    /// <summary>Where <paramref name="service"/> is, given its settings' region and endpoint (either may be unset).</summary>
    public static AwsLocation Resolve(AwsService service, string? settingsRegion, string? settingsEndpoint, IReadOnlyDictionary<string, string> environment)
    {
        var store = service.StoreName;
        var profile = AwsProfileSettings.Find(environment);
        var region = OptionalText.Of(settingsRegion)
            ?? OptionalText.Of(environment, "AWS_REGION")
            ?? OptionalText.Of(environment, "AWS_DEFAULT_REGION")
            ?? OptionalText.Of(profile?.Region)
            ?? throw new ConfigurationException($"{store}: no region: set {service.SettingsSection}.region in the settings, or AWS_REGION / AWS_DEFAULT_REGION, or region in the AWS profile");

        var serviceVariable = "AWS_ENDPOINT_URL_" + service.EnvironmentSuffix;
        var endpoint = ParseEndpoint(OptionalText.Of(settingsEndpoint), service.SettingsSection + ".endpoint", store)
            ?? ParseEndpoint(OptionalText.Of(environment, serviceVariable), serviceVariable, store)
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL", store)
            ?? PartitionEndpoint.For(
                service,
                region,
                Flag(environment, "AWS_USE_FIPS_ENDPOINT", store) ?? profile?.UseFipsEndpoint ?? false,
                Flag(environment, "AWS_USE_DUALSTACK_ENDPOINT", store) ?? profile?.UseDualStackEndpoint ?? false);
        var sts = ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS", store)
            ?? ParseEndpoint(OptionalText.Of(environment, "AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL", store);
        return new AwsLocation(RegionEndpoint.GetBySystemName(region), endpoint, sts);
    }

    private static bool? Flag(IReadOnlyDictionary<string, string> environment, string name, string store) =>
        OptionalText.Of(environment, name) switch
        {
            null => null,
            { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            { } text => throw new ConfigurationException($"{store}: {name} is '{text}'; use true or false"),
        };

    private static Uri? ParseEndpoint(string? text, string source, string store)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConfigurationException($"{store}: {source} '{text}' is not an http(s) URL");
        }

        return uri;
    }
}
