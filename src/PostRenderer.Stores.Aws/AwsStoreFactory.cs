using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Creates the AWS Secrets Manager store: region and endpoint from <c>aws.*</c> settings or the AWS
/// environment variables, credentials from the standard chain, optionally a role assumed with STS.
/// </summary>
public sealed class AwsStoreFactory : ISecretStoreFactory
{
    public Backend Backend => Backend.Aws;

    public ISecretStore Create(StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var location = AwsLocation.Resolve(context.Settings.Section<AwsSettings>(Backend.Aws), context.Environment);
        return Create(context, location, AwsCredentialChain.Resolve(context.Environment, context.Http));
    }

    /// <summary>The seam for tests: any credential source.</summary>
    internal static AwsStore Create(StoreContext context, AwsLocation location, IAwsCredentialSource chain)
    {
        var credentials = AwsCredentialChain.WithRole(chain, context.Settings.Section<AwsSettings>(Backend.Aws).RoleArn, location, context.Http);
        var client = new SecretsManagerClient(context.Http.CreateClient("aws"), credentials, location, context.Http.Retries);
        return new AwsStore(client, context.Reporter);
    }
}
