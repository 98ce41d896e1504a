using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Application Default Credentials, scoped for Secret Manager, whose token requests go through the shared
/// retry and timeout policy. A key file named by GOOGLE_APPLICATION_CREDENTIALS in the injected environment
/// is loaded at once, so a wrong path is a configuration error before any work starts; otherwise the ADC
/// search (gcloud login, GCE metadata server) runs on first use, because it may probe the network.
/// </summary>
internal sealed class GcpCredentialSource : IDisposable
{
    public const string KeyFileVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    private const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly AsyncOnce<GoogleCredential> credential;

    private GcpCredentialSource(string description, Func<CancellationToken, Task<GoogleCredential>> load)
    {
        Description = description;
        credential = new AsyncOnce<GoogleCredential>(load);
    }

    /// <summary>Who the store authenticates as, for messages: a file path and account, never key material.</summary>
    public string Description { get; }

    public static GcpCredentialSource FromEnvironment(IReadOnlyDictionary<string, string> environment, StoreHttp http)
    {
        var httpFactory = new GcpTokenHttpClientFactory(http);
        if (environment.TryGetValue(KeyFileVariable, out var path) && !string.IsNullOrWhiteSpace(path))
        {
            var (loaded, description) = LoadKeyFile(path);
            var ready = Prepare(loaded, httpFactory);
            return new GcpCredentialSource(description, _ => Task.FromResult(ready));
        }

        return new GcpCredentialSource(
            "the Application Default Credentials (`gcloud auth application-default login`, or the service account attached to the workload)",
            async cancellationToken => Prepare(await FindApplicationDefaultAsync(cancellationToken).ConfigureAwait(false), httpFactory));
    }

    public Task<GoogleCredential> GetAsync(CancellationToken cancellationToken) => credential.GetAsync(cancellationToken);

    public void Dispose() => credential.Dispose();

    private static GoogleCredential Prepare(GoogleCredential loaded, GcpTokenHttpClientFactory httpFactory) =>
        loaded.CreateScoped(Scope).CreateWithHttpClientFactory(httpFactory);

    private static (GoogleCredential Credential, string Description) LoadKeyFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"{KeyFileVariable} names '{path}', which cannot be read: {ex.Message}", ex);
        }

        var (type, account) = Identify(path, json);
        var description = account is null
            ? $"the {type} credentials in '{path}' ({KeyFileVariable})"
            : $"{account} (the {type} key in '{path}', from {KeyFileVariable})";
        try
        {
            return (CredentialFactory.FromJson(json, type), description);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new ConfigurationException($"{KeyFileVariable} names '{path}', which is not a usable Google credentials file ({type}): {ex.GetType().Name}", ex);
        }
    }

    // The type decides which credential class the library builds; the account makes auth messages actionable.
    private static (string Type, string? Account) Identify(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw new ConfigurationException($"{KeyFileVariable} names '{path}', which is not a Google credentials file (no \"type\")");
            }

            var account = root.TryGetProperty("client_email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null;
            return (type.GetString()!, account);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{KeyFileVariable} names '{path}', which is not JSON (line {ex.LineNumber})");
        }
    }

    private static async Task<GoogleCredential> FindApplicationDefaultAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(
                $"no Google credentials found: set {KeyFileVariable} to a service account key file, run `gcloud auth application-default login`, " +
                "or run on GCP with a service account attached", ex);
        }
    }
}
