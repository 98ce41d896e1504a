using System.Globalization;
using System.Net.Http.Headers;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Signs each attempt of a KMS request with ACS3-HMAC-SHA256. It sits under the shared retrying handler, so every
/// retry carries a fresh date and signature nonce: Alibaba Cloud refuses a nonce it has seen (SignatureNonceUsed),
/// which a re-sent copy of the first attempt would be.
/// </summary>
internal sealed class AcsSigningHandler : DelegatingHandler
{
    /// <summary>The action, API version and credentials a request is signed for; set by <see cref="KmsClient"/>.</summary>
    public static readonly HttpRequestOptionsKey<AcsCall> CallKey = new("PostRenderer.Alibaba.Call");

    private static readonly string[] SignedPerAttempt = ["x-acs-date", "x-acs-signature-nonce", "x-acs-security-token", "x-acs-action", "x-acs-version", "x-acs-content-sha256"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CallKey, out var call))
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Sign(request, call, body);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Sign(HttpRequestMessage request, AcsCall call, byte[] body)
    {
        var uri = request.RequestUri!;
        var payloadHash = Acs3Signature.Sha256Hex(body);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}",
            ["x-acs-action"] = call.Action,
            ["x-acs-version"] = call.Version,
            ["x-acs-date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = payloadHash,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        if (call.Credentials.SecurityToken is { } token)
        {
            headers["x-acs-security-token"] = token;
        }

        var canonical = Acs3Signature.CanonicalRequest(request.Method.Method, uri.AbsolutePath, CanonicalQuery(uri), headers, payloadHash);
        var signature = Acs3Signature.Sign(call.Credentials.AccessKeySecret, canonical);
        foreach (var name in SignedPerAttempt)
        {
            request.Headers.Remove(name);
        }

        foreach (var (name, value) in headers.Where(pair => pair.Key.StartsWith("x-acs-", StringComparison.Ordinal)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue(Acs3Signature.Algorithm,
            $"Credential={call.Credentials.AccessKeyId},SignedHeaders={Acs3Signature.SignedHeaders(headers)},Signature={signature}");
    }

    /// <summary>KMS calls carry their parameters in the body; a query, if any, is signed in its canonical order.</summary>
    private static string CanonicalQuery(Uri uri) =>
        uri.Query.Length <= 1 ? "" : AcsPercentEncoding.Form(uri.Query[1..].Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new KeyValuePair<string, string>(Uri.UnescapeDataString(pair), "")
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }));
}

/// <summary>What one signed call is: action, API version, and the credentials to sign with.</summary>
internal sealed record AcsCall(string Action, string Version, AlibabaCredentials Credentials);
