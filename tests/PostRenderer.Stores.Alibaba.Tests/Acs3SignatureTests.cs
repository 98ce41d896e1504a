using System.Text;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// The canonical request and signature of one fixed request, as signature method V3 lays them out. The expected
/// signature was computed outside .NET, from the same canonical text, with
/// <c>printf 'ACS3-HMAC-SHA256\n%s' "$(printf '%s' "$canonical" | sha256sum | cut -d' ' -f1)" | openssl dgst -sha256 -hmac YourAccessKeySecret</c>.
/// </summary>
public sealed class Acs3SignatureTests
{
    private const string BodyHash = "63f5a5bbd9ae3403991a0520df78f3e954c236e86b94add0af2f00e66e32e392"; // sha256("SecretName=db")

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["x-acs-version"] = "2016-01-20",
        ["host"] = "kms.cn-hangzhou.aliyuncs.com",
        ["x-acs-signature-nonce"] = "3156853299f313e23d1673dc12e1703d",
        ["content-type"] = "application/x-www-form-urlencoded",
        ["x-acs-action"] = "GetSecretValue",
        ["x-acs-date"] = "2026-12-06T07:00:00Z",
        ["x-acs-content-sha256"] = BodyHash,
    };

    [Fact]
    public void The_body_hash_is_lower_case_hex_sha256() =>
        Assert.Equal(BodyHash, Acs3Signature.Sha256Hex(Encoding.UTF8.GetBytes("SecretName=db")));

    [Fact]
    public void The_canonical_request_lists_the_sorted_headers_then_their_names_then_the_body_hash()
    {
        var canonical = Acs3Signature.CanonicalRequest("POST", "/", "", Headers, BodyHash);

        Assert.Equal(
            "POST\n/\n\n"
            + "content-type:application/x-www-form-urlencoded\nhost:kms.cn-hangzhou.aliyuncs.com\nx-acs-action:GetSecretValue\n"
            + $"x-acs-content-sha256:{BodyHash}\nx-acs-date:2026-12-06T07:00:00Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2016-01-20\n"
            + "\ncontent-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
            + BodyHash,
            canonical);
    }

    [Fact]
    public void The_signature_matches_one_computed_with_openssl() =>
        Assert.Equal(
            "240bca5990498304fce9128543fb6248a89841bc6cc6e78649803f74942d284b",
            Acs3Signature.Sign("YourAccessKeySecret", Acs3Signature.CanonicalRequest("POST", "/", "", Headers, BodyHash)));

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b*c~d", "a%2Bb%2Ac~d")]
    [InlineData("{\"k\":\"é\"}", "%7B%22k%22%3A%22%C3%A9%22%7D")]
    public void Percent_encoding_keeps_only_unreserved_characters(string text, string expected) =>
        Assert.Equal(expected, AcsPercentEncoding.Encode(text));
}
