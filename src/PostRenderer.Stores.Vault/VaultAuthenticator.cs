using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>Supplies the token: the given one, or one obtained by logging in once, on first use, for all callers.</summary>
internal sealed class VaultAuthenticator : IDisposable
{
    private readonly VaultCredential credential;
    private readonly VaultHttp http;
    private readonly AsyncOnce<string> login;

    public VaultAuthenticator(VaultCredential credential, VaultHttp http)
    {
        this.credential = credential;
        this.http = http;
        login = new AsyncOnce<string>(LoginAsync);
    }

    public string Description => credential.Description;

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        credential is VaultTokenCredential token ? Task.FromResult(token.Token) : login.GetAsync(cancellationToken);

    public void Dispose() => login.Dispose();

    private async Task<string> LoginAsync(CancellationToken cancellationToken)
    {
        var method = (VaultLoginCredential)credential;
        var response = await http.SendAsync(HttpMethod.Post, method.LoginPath, method.CreateLoginBody(), token: null, entry: null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var said = response.Errors is { Length: > 0 } errors ? $" ({errors})" : "";
            throw new StoreException(VaultStore.StoreName, null,
                $"{method.Method} login at {method.LoginPath} was refused with HTTP {(int)response.Status}{said}; {method.Hint}");
        }

        return response.Body?["auth"]?["client_token"] is JsonValue value && value.TryGetValue<string>(out var token) && token.Length > 0
            ? token
            : throw new StoreException(VaultStore.StoreName, null, $"{method.Method} login at {method.LoginPath} answered without auth.client_token");
    }
}
