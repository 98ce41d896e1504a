namespace PostRenderer.Core.Configuration;

/// <summary>
/// What the converter must know of each backend beyond its name, in one place: adding a backend is its enum value,
/// its word in <see cref="SettingNames"/>, and a line in each table here.
/// </summary>
internal static class BackendTraits
{
    /// <summary>
    /// True when an entry can hold one plain value rather than a JSON object of properties (ESO reads it without
    /// <c>remoteRef.property</c>). Vault KV entries are always maps: ESO reads one without a property as the whole map.
    /// </summary>
    public static bool HoldsPlainValues(Backend backend) => backend is not Backend.Vault;

    /// <summary>The kubernetes-external-secrets <c>backendType</c>, or null when KES has none.</summary>
    public static string? KesBackendType(Backend backend) => backend switch
    {
        Backend.Vault => "vault",
        Backend.Aws => "secretsManager",
        Backend.ParameterStore => "systemManager",
        Backend.Gcp => "gcpSecretsManager",
        Backend.Azure => "azureKeyVault",
        Backend.Alibaba => "alicloudSecretsManager",
        _ => null,
    };
}
