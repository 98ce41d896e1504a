using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The service clients the SDK's default credential chain needs at run time: STS for web identity (IRSA) and
/// role profiles, SSO and SSO-OIDC for IAM Identity Center profiles. The SDK finds them by reflection, which a
/// NativeAOT binary cannot do: there it stops with "missing runtime dependency" unless they are registered.
/// Each client is made as the SDK would make it (anonymous credentials, the region and proxy it asks for).
/// </summary>
internal static class AwsRuntimeDependencies
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(context =>
        {
            var wanted = context.SecurityTokenServiceClientContextData;
            var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = wanted.Region };
            Proxy(config, wanted.ProxySettings);
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOClient(context =>
        {
            var wanted = context.SSOClientContextData;
            var config = new AmazonSSOConfig { RegionEndpoint = wanted.Region };
            Proxy(config, wanted.ProxySettings);
            return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOOIDCClient(context =>
        {
            var wanted = context.SSOOIDCClientContextData;
            var config = new AmazonSSOOIDCConfig { RegionEndpoint = wanted.Region };
            Proxy(config, wanted.ProxySettings);
            return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
        });
    }

    private static void Proxy(ClientConfig config, System.Net.IWebProxy? proxy)
    {
        if (proxy is not null)
        {
            config.SetWebProxy(proxy);
        }
    }
}
