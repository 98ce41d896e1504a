using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Application Default Credentials, scoped for Secret Manager, whose token requests go through the shared retry and
/// timeout policy. The search is Google's, over the injected environment: the key file named by
/// GOOGLE_APPLICATION_CREDENTIALS, then gcloud's application default login, both loaded at once so that a broken file
/// is a configuration error before any work starts; then the metadata server, asked on first use because that is a
/// network call. When no source has credentials, the configuration error lists each source tried and why it failed.
/// </summary>
internal sealed class GcpCredentialSource : IDisposable
{
    public const string KeyFileVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    private const string Scope = "https://www.googleapis.com/auth/cloud-platform";
    private const string WellKnownFileName = "application_default_credentials.json";

    private readonly AsyncOnce<GoogleCredential> credential;

    private GcpCredentialSource(string description, Func<CancellationToken, Task<GoogleCredential>> load)
    {
        Description = description;
        credential = new AsyncOnce<GoogleCredential>(load);
    }

    /// <summary>Who the store authenticates as, for messages: a file path and account, never key material.</summary>
    public string Description { get; }

    public static GcpCredentialSource FromEnvironment(IReadOnlyDictionary<string, string> environment, StoreHttp http, PopulationSettings populate)
    {
        var httpFactory = new GcpTokenHttpClientFactory(http);
        if (environment.TryGetValue(KeyFileVariable, out var path) && !string.IsNullOrWhiteSpace(path))
        {
            return Loaded(LoadKeyFile(path, $"from {KeyFileVariable}"), httpFactory);
        }

        var wellKnown = WellKnownFile(environment);
        if (wellKnown is not null && File.Exists(wellKnown))
        {
            return Loaded(LoadKeyFile(wellKnown, "gcloud's application default login"), httpFactory);
        }

        var metadata = GcpMetadataServer.FromEnvironment(environment, populate);
        var tried = $"{KeyFileVariable} (not set); " + (wellKnown is null
            ? "gcloud's application default login (no HOME or CLOUDSDK_CONFIG to find it by)"
            : $"gcloud's application default login ('{wellKnown}': no such file)");
        return new GcpCredentialSource(
            $"the service account of the metadata server at {metadata.Address}",
            async cancellationToken => Prepare(await FromMetadataServerAsync(metadata, tried, cancellationToken).ConfigureAwait(false), httpFactory));
    }

    public Task<GoogleCredential> GetAsync(CancellationToken cancellationToken) => credential.GetAsync(cancellationToken);

    public void Dispose() => credential.Dispose();

    private static GcpCredentialSource Loaded((GoogleCredential Credential, string Description) loaded, GcpTokenHttpClientFactory httpFactory)
    {
        var ready = Prepare(loaded.Credential, httpFactory);
        return new GcpCredentialSource(loaded.Description, _ => Task.FromResult(ready));
    }

    private static GoogleCredential Prepare(GoogleCredential loaded, GcpTokenHttpClientFactory httpFactory) =>
        loaded.CreateScoped(Scope).CreateWithHttpClientFactory(httpFactory);

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

    private static async Task<GoogleCredential> FromMetadataServerAsync(GcpMetadataServer metadata, string tried, CancellationToken cancellationToken)
    {
        if (await metadata.ProbeAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw new ConfigurationException(
                $"gcp: no Google credentials found. Tried {tried}; the metadata server at {metadata.Address} ({GcpMetadataServer.HostVariable}): {failure}. "
                + $"Set {KeyFileVariable} to a service account key file, run `gcloud auth application-default login`, "
                + "or run on GCP with a service account attached");
        }

        return new ComputeCredential(new ComputeCredential.Initializer(metadata.TokenUrl.ToString())).ToGoogleCredential();
    }

    private static (GoogleCredential Credential, string Description) LoadKeyFile(string path, string source)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"gcp: '{path}' ({source}) cannot be read: {ex.Message}", ex);
        }

        var (type, account) = Identify(path, source, json);
        var description = account is null
            ? $"the {type} credentials in '{path}' ({source})"
            : $"{account} (the {type} key in '{path}', {source})";
        try
        {
            return (CredentialFactory.FromJson(json, type), description);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new ConfigurationException($"gcp: '{path}' ({source}) is not a usable Google credentials file ({type}): {ex.GetType().Name}", ex);
        }
    }

    // The type decides which credential class the library builds; the account makes auth messages actionable.
    private static (string Type, string? Account) Identify(string path, string source, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw new ConfigurationException($"gcp: '{path}' ({source}) is not a Google credentials file (no \"type\")");
            }

            var account = root.TryGetProperty("client_email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null;
            return (type.GetString()!, account);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"gcp: '{path}' ({source}) is not JSON (line {ex.LineNumber})");
        }
    }
}
