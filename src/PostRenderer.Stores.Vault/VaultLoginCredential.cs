namespace PostRenderer.Stores.Vault;

/// <summary>A credential exchanged for a token at <c>auth/&lt;mount&gt;/login</c>.</summary>
internal abstract class VaultLoginCredential(string method, string authMount) : VaultCredential
{
    public string Method { get; } = method;

    public string AuthMount { get; } = authMount;

    public string LoginPath => VaultPaths.Login(AuthMount);

    /// <summary>What to check when the login is refused.</summary>
    public abstract string Hint { get; }

    /// <summary>The login request's JSON body. Throws StoreException when its inputs cannot be read.</summary>
    public abstract byte[] CreateLoginBody();
}
