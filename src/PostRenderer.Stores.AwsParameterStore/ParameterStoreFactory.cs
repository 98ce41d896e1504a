using Amazon.SimpleSystemsManagement;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// Creates the AWS Parameter Store store: region, endpoint (<c>AWS_ENDPOINT_URL_SSM</c>, partition endpoints, FIPS,
/// dual-stack) and credentials (the standard chain, optionally a role assumed with STS) resolved exactly as for
/// Secrets Manager, by the same code.
/// </summary>
public sealed class ParameterStoreFactory : ISecretStoreFactory
{
    public Backend Backend => Backend.ParameterStore;

    public ISecretStore Create(StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings.Section<ParameterStoreSettings>(Backend.ParameterStore);
        var location = AwsLocation.Resolve(AwsService.ParameterStore, settings.Region, settings.Endpoint, context.Environment);
        return Create(context, location, AwsCredentialChain.Resolve(context.Environment, context.Http));
    }

    /// <summary>The seam for tests: any credential source.</summary>
    internal static ParameterStore Create(StoreContext context, AwsLocation location, IAwsCredentialSource chain)
    {
        var settings = context.Settings.Section<ParameterStoreSettings>(Backend.ParameterStore);
        var credentials = AwsCredentialChain.WithRole(chain, settings.RoleArn, location, context.Http);
        var http = context.Http.CreateClient(ParameterStoreClient.Store);
        var config = new AmazonSimpleSystemsManagementConfig
        {
            // Endpoint overrides come from the injected environment only, never from the process behind our back.
            IgnoreConfiguredEndpointUrls = true,
            ServiceURL = location.ServiceEndpoint.ToString(),
            AuthenticationRegion = location.Region.SystemName,
            HttpClientFactory = new SharedHttpClientFactory(http),
        };

        // The shared pipeline retries and times every attempt; the SDK must not multiply that.
        SdkRetryLimits.Apply(config, maxErrorRetry: 0);
        var ssm = new AmazonSimpleSystemsManagementClient(new SourceCredentials(credentials), config);
        return new ParameterStore(new ParameterStoreClient(ssm, http, credentials, context.Http.Retries), settings);
    }
}
