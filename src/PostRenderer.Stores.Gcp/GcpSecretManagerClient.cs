using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp;

/// <summary>The three Secret Manager v1 REST calls population needs: access a version, create a secret, add a version.</summary>
internal sealed class GcpSecretManagerClient(HttpClient http, GcpTarget target) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Accesses a version ("latest" or a number). Null when the secret or version does not exist, and also,
    /// with <paramref name="unreadableIsAbsent"/>, when the version is disabled or destroyed.
    /// </summary>
    public async Task<GcpSecretVersion?> AccessAsync(string secret, string version, bool unreadableIsAbsent, CancellationToken cancellationToken)
    {
        using var response = await target.QuotaWait.SendAsync(token => http.GetAsync(SecretPath(secret) + $"/versions/{version}:access", token), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return ParseAccess(secret, await ReadJsonAsync(response, secret, cancellationToken).ConfigureAwait(false));
        }

        var error = await GcpError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound || (unreadableIsAbsent && error.Status == "FAILED_PRECONDITION"))
        {
            return null;
        }

        throw GcpStoreFailure.From(error, target, secret, "access the secret's versions");
    }

    /// <summary>Creates the secret without versions; false when it already exists.</summary>
    public async Task<bool> CreateSecretAsync(string secret, IReadOnlyList<string> replicaLocations, CancellationToken cancellationToken)
    {
        var path = $"v1/projects/{Uri.EscapeDataString(target.Project)}/secrets?secretId={Uri.EscapeDataString(secret)}";
        using var response = await PostAsync(path, GcpRequestBodies.Secret(replicaLocations), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        throw GcpStoreFailure.From(await GcpError.ReadAsync(response, cancellationToken).ConfigureAwait(false), target, secret, "create secrets");
    }

    /// <summary>Adds a version holding <paramref name="payload"/>; returns its number.</summary>
    public async Task<long> AddVersionAsync(string secret, byte[] payload, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(SecretPath(secret) + ":addVersion", GcpRequestBodies.AddVersion(payload), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw GcpStoreFailure.From(await GcpError.ReadAsync(response, cancellationToken).ConfigureAwait(false), target, secret, "add secret versions");
        }

        using var document = await ReadJsonAsync(response, secret, cancellationToken).ConfigureAwait(false);
        return VersionNumber(secret, StringProperty(document.RootElement, "name"));
    }

    public void Dispose() => http.Dispose();

    private string SecretPath(string secret) =>
        $"v1/projects/{Uri.EscapeDataString(target.Project)}/secrets/{Uri.EscapeDataString(secret)}";

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body, CancellationToken cancellationToken) =>
        target.QuotaWait.SendAsync(async token =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            return await http.PostAsync(path, content, token).ConfigureAwait(false);
        }, cancellationToken);

    private static GcpSecretVersion ParseAccess(string secret, JsonDocument document)
    {
        using (document)
        {
            var root = document.RootElement;
            var number = VersionNumber(secret, StringProperty(root, "name"));
            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                throw new StoreException(GcpStore.StoreName, secret, $"version {number} was returned without a payload");
            }

            var data = payload.TryGetProperty("data", out var encoded) && encoded.ValueKind == JsonValueKind.String && encoded.TryGetBytesFromBase64(out var bytes)
                ? bytes
                : throw new StoreException(GcpStore.StoreName, secret, $"version {number} has no base64 payload data");
            VerifyChecksum(secret, number, payload, data);
            return new GcpSecretVersion(number, data);
        }
    }

    private static void VerifyChecksum(string secret, long number, JsonElement payload, byte[] data)
    {
        if (payload.TryGetProperty("dataCrc32c", out var checksum)
            && checksum.ValueKind == JsonValueKind.String
            && long.TryParse(checksum.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
            && expected != Crc32C.Compute(data))
        {
            throw new StoreException(GcpStore.StoreName, secret, $"version {number} arrived damaged (its CRC32C does not match)");
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string secret, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not chained: the parser's message can quote the body, which may be a payload.
            throw new StoreException(GcpStore.StoreName, secret, $"the Secret Manager endpoint answered HTTP {(int)response.StatusCode} with a body that is not JSON; check gcp.endpoint");
        }
    }

    private static string StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    // "projects/123/secrets/S/versions/7" -> 7
    private static long VersionNumber(string secret, string versionName)
    {
        var slash = versionName.LastIndexOf('/');
        return long.TryParse(versionName.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new StoreException(GcpStore.StoreName, secret, "the Secret Manager response names no version number; check gcp.endpoint");
    }
}
