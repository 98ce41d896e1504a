using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The public endpoint of a service in a region, as the services' endpoint rules build it from AWSSDK.Core's
/// partition data: <c>{service}[-fips].{region}.{dnsSuffix}</c> (<c>secretsmanager</c>, <c>ssm</c>), or the partition's dual-stack suffix
/// (<c>api.aws</c> and the like). So cn-north-1 is <c>amazonaws.com.cn</c>, us-iso-east-1 <c>c2s.ic.gov</c>, and
/// FIPS or dual-stack where the partition has no such endpoint is an error, not a silently different endpoint.
/// </summary>
internal static class PartitionEndpoint
{
    public static Uri For(AwsService service, string region, bool fips, bool dualStack)
    {
        var store = service.StoreName;
        var partition = Fn.Partition(region)
            ?? throw new ConfigurationException($"{store}: '{region}' is not a region of any AWS partition AWSSDK.Core knows");
        if (fips && !partition.supportsFIPS)
        {
            throw new ConfigurationException($"{store}: FIPS endpoints are on (AWS_USE_FIPS_ENDPOINT or use_fips_endpoint), but partition {partition.name} of region {region} has none");
        }

        if (dualStack && !partition.supportsDualStack)
        {
            throw new ConfigurationException($"{store}: dual-stack endpoints are on (AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint), but partition {partition.name} of region {region} has none");
        }

        var host = fips ? service.EndpointPrefix + "-fips" : service.EndpointPrefix;
        var suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
        return new Uri($"https://{host}.{region}.{suffix}/");
    }
}
