using System.Text;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Where an external account's subject token comes from (its credential_source): a file or a URL, read as text or
/// as JSON with the token in a named field. Read afresh for every exchange, as the token behind it rotates.
/// </summary>
internal sealed class GcpSubjectTokenSource
{
    private readonly string? file;
    private readonly Uri? url;
    private readonly Dictionary<string, string> headers = new(StringComparer.Ordinal);
    private readonly string? jsonField;

    private GcpSubjectTokenSource(string? file, Uri? url, string? jsonField)
    {
        this.file = file;
        this.url = url;
        this.jsonField = jsonField;
    }

    public static GcpSubjectTokenSource FromJson(JsonElement source)
    {
        if (GcpTokenEndpoint.Text(source, "executable") is not null || source.TryGetProperty("executable", out _))
        {
            throw new FormatException("executable-sourced credentials are not supported; use a file- or URL-sourced credential_source");
        }

        if (source.TryGetProperty("environment_id", out _))
        {
            throw new FormatException("AWS-sourced credentials (environment_id) are not supported; use a file- or URL-sourced credential_source");
        }

        string? field = null;
        if (source.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object && GcpTokenEndpoint.Text(format, "type") == "json")
        {
            field = GcpTokenEndpoint.Text(format, "subject_token_field_name") ?? throw new FormatException("credential_source.format has no subject_token_field_name");
        }

        var file = GcpTokenEndpoint.Text(source, "file");
        var urlText = GcpTokenEndpoint.Text(source, "url");
        if ((file is null) == (urlText is null))
        {
            throw new FormatException("credential_source needs exactly one of file and url");
        }

        Uri? url = null;
        if (urlText is not null && !Uri.TryCreate(urlText, UriKind.Absolute, out url))
        {
            throw new FormatException("credential_source.url is not a URL");
        }

        var tokenSource = new GcpSubjectTokenSource(file, url, field);
        if (source.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                tokenSource.headers[header.Name] = header.Value.GetString() ?? "";
            }
        }

        return tokenSource;
    }

    public async Task<string> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string text;
        if (file is not null)
        {
            try
            {
                text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GcpTokenException("subject_token_unreadable", $"the credential_source file '{file}' cannot be read: {ex.Message}");
            }
        }
        else
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new GcpTokenException($"HTTP {(int)response.StatusCode}", $"the credential_source URL {url} did not give a subject token");
            }

            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        return jsonField is null ? text.Trim() : FieldOf(text);
    }

    private string FieldOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return GcpTokenEndpoint.Text(json.RootElement, jsonField!)
                ?? throw new GcpTokenException("subject_token_missing", $"the credential_source's JSON has no string field '{jsonField}'");
        }
        catch (JsonException)
        {
            throw new GcpTokenException("subject_token_unreadable", "the credential_source is not JSON, though its format says json");
        }
    }
}
