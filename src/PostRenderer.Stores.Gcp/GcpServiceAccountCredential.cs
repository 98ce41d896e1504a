using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// A service account key ("type": "service_account"): a JWT signed with its RSA key (RS256) is exchanged at the
/// key's token_uri for an access token, as RFC 7523 and Google's OAuth2 service-account flow describe.
/// </summary>
internal sealed class GcpServiceAccountCredential : GcpCredential
{
    private const string DefaultTokenUri = "https://oauth2.googleapis.com/token";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly string clientEmail;
    private readonly string? keyId;
    private readonly RSA key;
    private readonly Uri tokenUri;

    private GcpServiceAccountCredential(string clientEmail, string? keyId, RSA key, Uri tokenUri)
    {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.key = key;
        this.tokenUri = tokenUri;
    }

    /// <summary>Reads the key file's fields; <see cref="FormatException"/> names what is missing or wrong, never a key.</summary>
    public static GcpServiceAccountCredential FromJson(JsonElement root)
    {
        var email = GcpTokenEndpoint.Text(root, "client_email") ?? throw new FormatException("no client_email");
        var pem = GcpTokenEndpoint.Text(root, "private_key") ?? throw new FormatException("no private_key");
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // Neither exception's text is passed on: a message must never quote key material.
            key.Dispose();
            throw new FormatException("private_key is not a PEM RSA private key");
        }

        var uri = GcpTokenEndpoint.Text(root, "token_uri") ?? DefaultTokenUri;
        return Uri.TryCreate(uri, UriKind.Absolute, out var tokenUri)
            ? new GcpServiceAccountCredential(email, GcpTokenEndpoint.Text(root, "private_key_id"), key, tokenUri)
            : throw new FormatException("token_uri is not a URL");
    }

    public override Task<GcpAccessToken> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken) =>
        GcpTokenEndpoint.PostFormAsync(http, tokenUri,
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            new("assertion", Assertion(DateTimeOffset.UtcNow)),
        ], cancellationToken);

    /// <summary>The signed JWT: header.claims.signature, each base64url.</summary>
    internal string Assertion(DateTimeOffset now)
    {
        var header = Json(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("typ", "JWT");
            if (keyId is not null)
            {
                writer.WriteString("kid", keyId);
            }
        });
        var claims = Json(writer =>
        {
            writer.WriteString("iss", clientEmail);
            writer.WriteString("scope", GcpTokenEndpoint.Scope);
            writer.WriteString("aud", tokenUri.ToString());
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
        });
        var signed = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
