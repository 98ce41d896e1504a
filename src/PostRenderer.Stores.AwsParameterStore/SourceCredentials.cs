using Amazon.Runtime;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>The SDK's view of the shared credential source (environment, default chain, assumed role).</summary>
internal sealed class SourceCredentials(IAwsCredentialSource source) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        // The source bounds its own waits (the shared deadline); the SDK passes no cancellation here.
        var credentials = await source.GetCredentialsAsync(CancellationToken.None).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
