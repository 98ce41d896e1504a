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
/// Each client is made as the SDK would make it (anonymous credentials, the region and proxy it asks for), with the
/// store's timeout per try and retries (as <see cref="AssumedRoleCredentialSource"/>'s STS client), so that the SDK's
/// own call ends at the store's deadline instead of running on in the background after the wait for it was given up.
/// </summary>
internal static class AwsRuntimeDependencies
{
    private static int registered;
    private static long timeoutTicks = TimeSpan.FromSeconds(30).Ticks;
    private static int maxErrorRetry = 3;

    /// <summary>
    /// Registers the clients once per process; the timeout and retries are the latest store's (settings under
    /// <c>populate</c> are one per run), read whenever the SDK makes a client.
    /// </summary>
    public static void Register(TimeSpan timeout, int retries)
    {
        Interlocked.Exchange(ref timeoutTicks, timeout.Ticks);
        Interlocked.Exchange(ref maxErrorRetry, retries);
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(context =>
        {
            var wanted = context.SecurityTokenServiceClientContextData;
            var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = wanted.Region };
            Bound(config, wanted.ProxySettings);
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOClient(context =>
        {
            var wanted = context.SSOClientContextData;
            var config = new AmazonSSOConfig { RegionEndpoint = wanted.Region };
            Bound(config, wanted.ProxySettings);
            return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOOIDCClient(context =>
        {
            var wanted = context.SSOOIDCClientContextData;
            var config = new AmazonSSOOIDCConfig { RegionEndpoint = wanted.Region };
            Bound(config, wanted.ProxySettings);
            return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
        });
    }

    private static void Bound(ClientConfig config, System.Net.IWebProxy? proxy)
    {
        config.Timeout = TimeSpan.FromTicks(Interlocked.Read(ref timeoutTicks));
        SdkRetryLimits.Apply(config, Volatile.Read(ref maxErrorRetry));
        if (proxy is not null)
        {
            config.SetWebProxy(proxy);
        }
    }
}
