using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// Checks a request's AWS Signature Version 4 the way AWS does, written independently of the SDK from the
/// published algorithm: canonical request, string to sign, derived signing key, HMAC-SHA256.
/// </summary>
internal static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Returns null when the signature is right, else the AWS error type and message to answer with.</summary>
    public static (string Type, string Message)? Verify(HttpRequest request, byte[] body, string region, string service, Func<string, FakeAwsKey?> findKey, DateTime now)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return ("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var fields = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaderList) || !fields.TryGetValue("Signature", out var signature))
        {
            return ("IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return ("IncompleteSignatureException", "Credential should be scoped to a valid region.");
        }

        var (accessKey, date, scopeRegion, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        var key = findKey(accessKey);
        if (key is null)
        {
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (scopeRegion != region || scopeService != service)
        {
            return ("InvalidSignatureException", $"Credential should be scoped to a valid region or service: expected {region}/{service}, got {scopeRegion}/{scopeService}.");
        }

        var signedHeaders = signedHeaderList.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return ("InvalidSignatureException", "host and x-amz-date must be signed.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || !amzDate.StartsWith(date, StringComparison.Ordinal) || Math.Abs((now - signedAt).TotalMinutes) > 5)
        {
            return ("InvalidSignatureException", "Signature expired or X-Amz-Date is invalid.");
        }

        if (key.SessionToken is not null && request.Headers["X-Amz-Security-Token"].ToString() != key.SessionToken)
        {
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var payloadHash = Hex(SHA256.HashData(body));
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != payloadHash)
        {
            return ("InvalidSignatureException", "The provided x-amz-content-sha256 header does not match the computed hash.");
        }

        var canonicalRequest = string.Join('\n',
            request.Method,
            request.Path.HasValue ? request.Path.Value : "/",
            CanonicalQuery(request),
            string.Concat(signedHeaders.Select(name => name + ":" + CanonicalHeaderValue(request, name) + "\n")),
            signedHeaderList,
            payloadHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, $"{date}/{scopeRegion}/{scopeService}/aws4_request", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + key.SecretKey), date), scopeRegion), scopeService), "aws4_request");
        var expected = Hex(Hmac(signingKey, stringToSign));

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : ("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    private static string CanonicalQuery(HttpRequest request) =>
        string.Join('&', request.Query
            .SelectMany(pair => pair.Value.Select(value => (Name: Uri.EscapeDataString(pair.Key), Value: Uri.EscapeDataString(value ?? ""))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));

    private static string CanonicalHeaderValue(HttpRequest request, string name)
    {
        var values = name == "host" ? [request.Host.Value ?? ""] : request.Headers[name].Select(value => value ?? "").ToArray();
        return string.Join(',', values.Select(value => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
