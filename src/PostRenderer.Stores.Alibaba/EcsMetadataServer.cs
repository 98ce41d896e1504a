using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Where the ECS instance metadata service is, and whether the chain may ask it. The official credential libraries
/// hard-code 100.100.100.200 and skip it when ALIBABA_CLOUD_ECS_METADATA_DISABLED is true; the address can be moved
/// here (tests, a proxy) with <see cref="EndpointVariable"/>, this tool's own variable, as GCE_METADATA_HOST and
/// AWS_EC2_METADATA_SERVICE_ENDPOINT move the other clouds' metadata servers.
/// </summary>
internal sealed record EcsMetadataServer(Uri Address, bool ImdsV1Disabled)
{
    public const string RoleNameVariable = "ALIBABA_CLOUD_ECS_METADATA";
    public const string DisabledVariable = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    public const string ImdsV1DisabledVariable = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    public const string EndpointVariable = "ALIBABA_CLOUD_ECS_METADATA_ENDPOINT";

    private const string DefaultAddress = "http://100.100.100.200/";

    /// <summary>Null when ALIBABA_CLOUD_ECS_METADATA_DISABLED is true.</summary>
    public static EcsMetadataServer? FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        if (IsTrue(environment, DisabledVariable))
        {
            return null;
        }

        var text = environment.TryGetValue(EndpointVariable, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : DefaultAddress;
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme.EndsWith('/') ? withScheme : withScheme + "/", UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps) || address.AbsolutePath != "/")
        {
            throw new ConfigurationException($"alibaba: {EndpointVariable} '{text}' is not a host, host:port or http(s) URL without a path");
        }

        return new EcsMetadataServer(address, IsTrue(environment, ImdsV1DisabledVariable));
    }

    /// <summary>
    /// The settings for asking a metadata server nobody named: off ECS the address usually swallows packets, so each
    /// try is short (a metadata server answers in milliseconds), as for GCP's metadata server.
    /// </summary>
    public static PopulationSettings ProbeSettings(PopulationSettings populate) => populate with
    {
        Timeout = populate.Timeout < TimeSpan.FromSeconds(1) ? populate.Timeout : TimeSpan.FromSeconds(1),
        Retries = Math.Min(populate.Retries, 2),
    };

    private static bool IsTrue(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
