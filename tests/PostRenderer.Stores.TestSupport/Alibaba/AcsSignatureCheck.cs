using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.Stores.TestSupport.Alibaba;

/// <summary>
/// Verifies an ACS3-HMAC-SHA256 signature as Alibaba Cloud's gateway does, written from the "Request syntax and
/// signature method V3" document without the store's code: the canonical request is rebuilt from what arrived on the
/// wire (method, path, query, the signed headers' values, the body's hash), hashed, HMAC'd with the secret of the
/// named AccessKey, and compared. Returns the error code and message the gateway would answer, or null.
/// </summary>
public static class AcsSignatureCheck
{
    private const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Headers every signed request must carry and sign (the common request headers).</summary>
    private static readonly string[] Required = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

    /// <summary>
    /// The Authorization header's fields (<c>ACS3-HMAC-SHA256 Credential=&lt;AccessKeyId&gt;,SignedHeaders=...,Signature=...</c>);
    /// null when it is not of that algorithm.
    /// </summary>
    public static Dictionary<string, string>? AuthorizationFields(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal)
            ? authorization[(Algorithm.Length + 1)..].Split(',')
                .Select(part => part.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal)
            : null;
    }

    public static (string Code, string Message)? Verify(HttpRequest request, byte[] body, Func<string, string?> secretOf, out string? accessKeyId)
    {
        accessKeyId = null;
        if (AuthorizationFields(request) is not { } fields)
        {
            return ("IncompleteSignature", "The request signature does not conform to Aliyun standards: Authorization must start with " + Algorithm);
        }

        if (!fields.TryGetValue("Credential", out var id) || !fields.TryGetValue("SignedHeaders", out var signedList) || !fields.TryGetValue("Signature", out var signature))
        {
            return ("IncompleteSignature", "Authorization lacks Credential, SignedHeaders or Signature");
        }

        accessKeyId = id;
        var signed = signedList.Split(';');
        var mustSign = Required.Concat(request.Headers.Keys.Select(name => name.ToLowerInvariant()).Where(name => name.StartsWith("x-acs-", StringComparison.Ordinal) || name == "content-type"));
        if (mustSign.FirstOrDefault(name => !signed.Contains(name, StringComparer.Ordinal)) is { } unsigned)
        {
            return ("IncompleteSignature", $"header {unsigned} must be signed");
        }

        if (!signed.SequenceEqual(signed.Order(StringComparer.Ordinal)))
        {
            return ("IncompleteSignature", "SignedHeaders must be sorted");
        }

        if (!string.Equals(request.Headers["x-acs-content-sha256"].ToString(), Hex(SHA256.HashData(body)), StringComparison.Ordinal))
        {
            return ("InvalidParameter.ContentSha256", "x-acs-content-sha256 does not match the body");
        }

        if (!DateTimeOffset.TryParseExact(request.Headers["x-acs-date"].ToString(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || (DateTimeOffset.UtcNow - date).Duration() > TimeSpan.FromMinutes(15))
        {
            return ("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired");
        }

        if (secretOf(id) is not { } secret)
        {
            return ("InvalidAccessKeyId.NotFound", "Specified access key is not found");
        }

        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(request.Path.HasValue ? request.Path.Value : "/").Append('\n')
            .Append(CanonicalQuery(request)).Append('\n');
        foreach (var name in signed)
        {
            var value = name == "host" ? request.Host.Value : request.Headers[name].ToString();
            canonical.Append(name).Append(':').Append(value?.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedList).Append('\n').Append(request.Headers["x-acs-content-sha256"].ToString());
        var stringToSign = Algorithm + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var expected = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        return string.Equals(expected, signature, StringComparison.Ordinal)
            ? null
            : ("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }

    private static string CanonicalQuery(HttpRequest request) =>
        string.Join('&', request.Query
            .SelectMany(pair => pair.Value.Select(value => (Key: Encode(pair.Key), Value: Encode(value ?? ""))))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key + "=" + pair.Value));

    // RFC 3986: unreserved characters stay, everything else is %XX of its UTF-8 bytes.
    private static string Encode(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || "-_.~".Contains((char)b, StringComparison.Ordinal) ? ((char)b).ToString() : $"%{b:X2}"));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
