namespace PostRenderer.Stores.Vault;

/// <summary>HashiCorp Vault KV settings. Unset values fall back to the vault CLI's environment variables.</summary>
public sealed record VaultSettings
{
    /// <summary>Server URL; else <c>VAULT_ADDR</c>.</summary>
    public string? Address { get; init; }

    /// <summary>The KV mount (ESO SecretStore <c>path</c>).</summary>
    public string Mount { get; init; } = "secret";

    /// <summary>1 or 2; null asks Vault which version the mount is.</summary>
    public int? KvVersion { get; init; }

    /// <summary>Vault Enterprise namespace; else <c>VAULT_NAMESPACE</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>PEM CA bundle; else <c>VAULT_CACERT</c>.</summary>
    public string? CaCert { get; init; }

    /// <summary>Skip TLS verification; else <c>VAULT_SKIP_VERIFY</c>.</summary>
    public bool? SkipVerify { get; init; }

    /// <summary>token, kubernetes or approle.</summary>
    public string AuthMethod { get; init; } = "token";

    /// <summary>Mount of the auth method (kubernetes or approle).</summary>
    public string? AuthMount { get; init; }

    /// <summary>Role for Kubernetes auth.</summary>
    public string? Role { get; init; }

    /// <summary>Service-account token file for Kubernetes auth.</summary>
    public string TokenFile { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>AppRole role_id; else <c>VAULT_ROLE_ID</c>.</summary>
    public string? RoleId { get; init; }

    /// <summary>File holding the AppRole secret_id; else <c>VAULT_SECRET_ID</c>.</summary>
    public string? SecretIdFile { get; init; }

    public static readonly string[] AuthMethods = ["token", "kubernetes", "approle"];
}
