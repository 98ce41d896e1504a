using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// The GCE/GKE metadata server, the last source of Application Default Credentials: the service account attached
/// to the VM or workload. Found by asking it, as Google's libraries do, but through the shared retry and timeout
/// policy, so that a metadata address that never answers (any machine off GCP) ends the search on time.
/// </summary>
internal sealed class GcpMetadataServer
{
    public const string HostVariable = "GCE_METADATA_HOST";

    // The link-local address rather than metadata.google.internal: no DNS lookup to hang on off GCP.
    private const string DefaultHost = "169.254.169.254";

    // Off GCP the address usually swallows packets, so each try is short; a metadata server answers in milliseconds.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private const int ProbeRetries = 2;

    private readonly PopulationSettings probeSettings;

    private GcpMetadataServer(Uri address, PopulationSettings populate)
    {
        Address = address;
        probeSettings = populate with
        {
            Timeout = populate.Timeout < ProbeTimeout ? populate.Timeout : ProbeTimeout,
            Retries = Math.Min(populate.Retries, ProbeRetries),
        };
    }

    public Uri Address { get; }

    public Uri TokenUrl => new(Address, "computeMetadata/v1/instance/service-accounts/default/token");

    public static GcpMetadataServer FromEnvironment(IReadOnlyDictionary<string, string> environment, PopulationSettings populate)
    {
        var host = environment.TryGetValue(HostVariable, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : DefaultHost;
        return Uri.TryCreate($"http://{host}/", UriKind.Absolute, out var address)
            ? new GcpMetadataServer(address, populate)
            : throw new ConfigurationException($"gcp: {HostVariable} '{host}' is not a host name or host:port");
    }

    /// <summary>Null when a metadata server answers at <see cref="Address"/>; otherwise why it is not one, for messages.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        using var http = new StoreHttp(probeSettings).CreateClient(GcpStore.StoreName);
        using var request = new HttpRequestMessage(HttpMethod.Get, Address);
        request.Headers.Add("Metadata-Flavor", "Google");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.Headers.TryGetValues("Metadata-Flavor", out var flavor) && flavor.Contains("Google", StringComparer.Ordinal)
                ? null
                : $"answered HTTP {(int)response.StatusCode} without the header Metadata-Flavor: Google, so it is not a metadata server";
        }
        catch (StoreException ex)
        {
            return ex.Problem;
        }
    }
}
