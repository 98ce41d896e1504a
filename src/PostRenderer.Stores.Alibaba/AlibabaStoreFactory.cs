using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Creates the Alibaba Cloud KMS Secrets Manager store: region and endpoints from <c>alibaba.*</c> settings or
/// <c>ALIBABA_CLOUD_REGION_ID</c>, credentials from the Alibaba Cloud chain (environment, RRSA, CLI configuration, credentials file, ECS RAM role).
/// </summary>
public sealed class AlibabaStoreFactory : ISecretStoreFactory
{
    public Backend Backend => Backend.Alibaba;

    public ISecretStore Create(StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings.Section<AlibabaSettings>(Backend.Alibaba);
        var location = AlibabaLocation.Resolve(settings, context.Environment);
        var credentials = AlibabaCredentialChain.Resolve(context.Environment, location, context.Http);
        var http = context.Http.CreateClient(AlibabaStore.StoreName,
            new AcsSigningHandler { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } });
        var client = new KmsClient(http, location.KmsEndpoint, credentials, context.Http.Retries);
        var keyId = string.IsNullOrWhiteSpace(settings.EncryptionKeyId) ? null : settings.EncryptionKeyId.Trim();
        return new AlibabaStore(new KmsSecrets(client, keyId));
    }
}
