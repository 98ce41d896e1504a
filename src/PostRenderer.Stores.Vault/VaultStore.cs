using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>
/// A HashiCorp Vault KV mount as a secret store. Each entry is one KV secret whose data is the Secret's keys.
/// The KV version is configured or asked of Vault once, on first use.
/// </summary>
internal sealed class VaultStore : ISecretStore
{
    public const string StoreName = "vault";

    private readonly VaultClient client;
    private readonly AsyncOnce<IKvEngine> engine;

    public VaultStore(VaultConfiguration configuration, HttpClient httpClient)
    {
        var http = new VaultHttp(httpClient, configuration.Address, configuration.Namespace);
        client = new VaultClient(http, new VaultAuthenticator(configuration.Credential, http));
        var mount = configuration.Mount;
        engine = new AsyncOnce<IKvEngine>(
            async cancellationToken => Engine(await KvVersionDetector.DetectAsync(client, mount, cancellationToken).ConfigureAwait(false)),
            configuration.KvVersion is { } configured ? Engine(configured) : null);
        IKvEngine Engine(int version) => version == 1 ? new KvV1Engine(client, mount) : new KvV2Engine(client, mount);
    }

    public string Name => StoreName;

    /// <summary>
    /// Before the KV version is known this answers false, the safe side: the populator then re-reads after a
    /// write. The populator reads (which settles the version) before it writes, so in practice it sees the truth.
    /// </summary>
    public bool HasCompareAndSet => engine.ValueOrNull?.HasCompareAndSet ?? false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var kv = await engine.GetAsync(cancellationToken).ConfigureAwait(false);
        return await kv.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var kv = await engine.GetAsync(cancellationToken).ConfigureAwait(false);
        return await kv.TryWriteAsync(entry, properties, expected, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        engine.Dispose();
        client.Dispose();
    }
}
