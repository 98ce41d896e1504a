using System.Security.Cryptography;
using System.Text;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Alibaba Cloud's signature method V3 (ACS3-HMAC-SHA256), as its "Request syntax and signature method V3" document
/// defines it: a canonical request of method, path, query, the signed headers and the body's SHA-256; the string to
/// sign is the algorithm's name and the canonical request's SHA-256; the signature is HMAC-SHA256 with the AccessKey
/// secret, all in lower-case hex.
/// </summary>
internal static class Acs3Signature
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>The canonical request; <paramref name="headers"/> are the signed headers, names in lower case.</summary>
    public static string CanonicalRequest(string method, string path, string canonicalQuery, IReadOnlyDictionary<string, string> headers, string payloadSha256)
    {
        var sorted = headers.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in sorted)
        {
            builder.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        return builder.Append('\n')
            .Append(SignedHeaders(headers)).Append('\n')
            .Append(payloadSha256)
            .ToString();
    }

    public static string SignedHeaders(IReadOnlyDictionary<string, string> headers) =>
        string.Join(';', headers.Keys.OrderBy(name => name, StringComparer.Ordinal));

    public static string Sign(string accessKeySecret, string canonicalRequest)
    {
        var stringToSign = Algorithm + "\n" + Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
