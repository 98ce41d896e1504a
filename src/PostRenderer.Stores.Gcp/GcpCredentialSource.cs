using System.Text.Json;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Application Default Credentials, scoped for Secret Manager, whose token requests go through the shared retry and
/// timeout policy. The search is Google's, over the injected environment: the key file named by
/// GOOGLE_APPLICATION_CREDENTIALS, then gcloud's application default login, both loaded at once so that a broken file
/// is a configuration error before any work starts; then the metadata server, asked on first use because that is a
/// network call. When no source has credentials, the configuration error lists each source tried and why it failed.
/// The token is kept and renewed shortly before it expires. Our own code, not Google.Apis.Auth: that library reads
/// JSON with Newtonsoft.Json's reflection, which the native (NativeAOT) binary cannot run.
/// </summary>
internal sealed class GcpCredentialSource : IDisposable
{
    public const string KeyFileVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    private const string WellKnownFileName = "application_default_credentials.json";

    private readonly AsyncOnce<GcpCredential> credential;
    private readonly HttpClient http;
    private readonly SemaphoreSlim renewal = new(1, 1);
    private GcpAccessToken? token;

    private GcpCredentialSource(string description, Func<CancellationToken, Task<GcpCredential>> load, HttpClient http)
    {
        Description = description;
        credential = new AsyncOnce<GcpCredential>(load);
        this.http = http;
    }

    /// <summary>Who the store authenticates as, for messages: a file path and account, never key material.</summary>
    public string Description { get; }

    public static GcpCredentialSource FromEnvironment(IReadOnlyDictionary<string, string> environment, StoreHttp http, PostRenderer.Core.Configuration.PopulationSettings populate)
    {
        var client = http.CreateClient(GcpStore.StoreName);
        if (environment.TryGetValue(KeyFileVariable, out var path) && !string.IsNullOrWhiteSpace(path))
        {
            return Loaded(LoadKeyFile(path, $"from {KeyFileVariable}"), client);
        }

        var wellKnown = WellKnownFile(environment);
        if (wellKnown is not null && File.Exists(wellKnown))
        {
            return Loaded(LoadKeyFile(wellKnown, "gcloud's application default login"), client);
        }

        var metadata = GcpMetadataServer.FromEnvironment(environment, populate);
        var tried = $"{KeyFileVariable} (not set); " + (wellKnown is null
            ? "gcloud's application default login (no HOME or CLOUDSDK_CONFIG to find it by)"
            : $"gcloud's application default login ('{wellKnown}': no such file)");
        return new GcpCredentialSource(
            $"the service account of the metadata server at {metadata.Address}",
            cancellationToken => FromMetadataServerAsync(metadata, tried, cancellationToken),
            client);
    }

    /// <summary>A valid access token: the one kept, or a new one when it is about to expire.</summary>
    public async Task<GcpAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref token) is { } kept && kept.IsFresh(DateTimeOffset.UtcNow))
        {
            return kept;
        }

        var source = await credential.GetAsync(cancellationToken).ConfigureAwait(false);
        await renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (token is { } renewed && renewed.IsFresh(DateTimeOffset.UtcNow))
            {
                return renewed;
            }

            var fresh = await source.RequestTokenAsync(http, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref token, fresh);
            return fresh;
        }
        finally
        {
            renewal.Release();
        }
    }

    public void Dispose()
    {
        credential.Dispose();
        renewal.Dispose();
        http.Dispose();
    }

    private static GcpCredentialSource Loaded((GcpCredential Credential, string Description) loaded, HttpClient http) =>
        new(loaded.Description, _ => Task.FromResult(loaded.Credential), http);

    /// <summary>Where `gcloud auth application-default login` writes, as Google's libraries look for it.</summary>
    private static string? WellKnownFile(IReadOnlyDictionary<string, string> environment)
    {
        string? Variable(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        if (Variable("CLOUDSDK_CONFIG") is { } config)
        {
            return Path.Combine(config, WellKnownFileName);
        }

        if (OperatingSystem.IsWindows())
        {
            return Variable("APPDATA") is { } appData ? Path.Combine(appData, "gcloud", WellKnownFileName) : null;
        }

        return Variable("HOME") is { } home ? Path.Combine(home, ".config", "gcloud", WellKnownFileName) : null;
    }

    private static async Task<GcpCredential> FromMetadataServerAsync(GcpMetadataServer metadata, string tried, CancellationToken cancellationToken)
    {
        if (await metadata.ProbeAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw new ConfigurationException(
                $"gcp: no Google credentials found. Tried {tried}; the metadata server at {metadata.Address} ({GcpMetadataServer.HostVariable}): {failure}. "
                + $"Set {KeyFileVariable} to a service account key file, run `gcloud auth application-default login`, "
                + "or run on GCP with a service account attached");
        }

        return new GcpMetadataCredential(metadata.TokenUrl);
    }

    private static (GcpCredential Credential, string Description) LoadKeyFile(string path, string source)
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"gcp: '{path}' ({source}) cannot be read: {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"gcp: '{path}' ({source}) is not JSON (line {ex.LineNumber})");
        }

        using (document)
        {
            var root = document.RootElement;
            var type = GcpTokenEndpoint.Text(root, "type")
                ?? throw new ConfigurationException($"gcp: '{path}' ({source}) is not a Google credentials file (no \"type\")");
            var account = GcpTokenEndpoint.Text(root, "client_email");
            var description = account is null
                ? $"the {type} credentials in '{path}' ({source})"
                : $"{account} (the {type} key in '{path}', {source})";
            try
            {
                GcpCredential credential = type switch
                {
                    "service_account" => GcpServiceAccountCredential.FromJson(root),
                    "authorized_user" => GcpAuthorizedUserCredential.FromJson(root),
                    "external_account" => GcpExternalAccountCredential.FromJson(root),
                    _ => throw new FormatException("supported types are service_account, authorized_user and external_account"),
                };
                return (credential, description);
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException($"gcp: '{path}' ({source}) is not a usable Google credentials file ({type}): {ex.Message}", ex);
            }
        }
    }
}
