using System.Net.Http.Headers;
using Amazon.Runtime.Signing;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Builds a Secrets Manager JSON 1.1 request signed with SigV4 by AWSSDK.Core's own signer. Every header sent
/// (besides the ones the signer adds) is handed to the signer, so what is signed is exactly what is sent.
/// </summary>
internal sealed class SecretsManagerRequestSigner(IAwsCredentialSource credentials, AwsLocation location)
{
    public const string Service = "secretsmanager";
    private const string ContentType = "application/x-amz-json-1.1";

    public async Task<HttpRequestMessage> CreateAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = location.ServiceEndpoint,
            Content = body,
        };
        signing.Headers["Content-Type"] = ContentType;
        signing.Headers["X-Amz-Target"] = Service + "." + operation;

        var parameters = new AWSSigV4Parameters
        {
            Credentials = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false),
            Region = location.Region,
            Service = Service,
            SignPayload = true,
        };
        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);

        var request = new HttpRequestMessage(HttpMethod.Post, location.ServiceEndpoint)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", signing.Headers["X-Amz-Target"]);
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
