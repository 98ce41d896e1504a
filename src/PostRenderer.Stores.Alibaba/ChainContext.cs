using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Alibaba;

/// <summary>What every credential source is built from: the environment, the endpoints, and the store's HTTP policy.</summary>
internal sealed record ChainContext(IReadOnlyDictionary<string, string> Environment, AlibabaLocation Location, StoreHttp Http)
{
    private const string DefaultSessionName = "secret-postrenderer";

    /// <summary>Sources found but passed over, and why: told when no source gives credentials.</summary>
    public List<string> PassedOver { get; } = [];

    public string? Value(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The session name a role is assumed under: the profile's, ALIBABA_CLOUD_ROLE_SESSION_NAME, or this tool's name.</summary>
    public string SessionName(string? fromProfile) => fromProfile ?? Value(AlibabaCredentialChain.SessionNameVariable) ?? DefaultSessionName;

    /// <summary>A client with the store's deadline and retries, unsigned (STS AssumeRoleWithOIDC, the metadata service).</summary>
    public HttpClient Client() => Http.CreateClient(AlibabaStore.StoreName);

    /// <summary>A client whose requests <see cref="AcsSigningHandler"/> signs (STS AssumeRole).</summary>
    public HttpClient SignedClient() =>
        Http.CreateClient(AlibabaStore.StoreName, new AcsSigningHandler { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } });

    /// <summary>A client with short tries, for a metadata service that may not exist.</summary>
    public HttpClient ProbeClient()
    {
        var probe = EcsMetadataServer.ProbeSettings(new PopulationSettings { Timeout = Http.Timeout, Retries = Http.Retries });
        return new StoreHttp(probe).CreateClient(AlibabaStore.StoreName);
    }

    public OidcRoleCredentialSource Oidc(OidcRole role) => new(Client(), Location.StsEndpoint, role);
}
