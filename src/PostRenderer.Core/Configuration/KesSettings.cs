namespace PostRenderer.Core.Configuration;

/// <summary>Fields that only the legacy kubernetes-external-secrets format has.</summary>
public sealed record KesSettings
{
    /// <summary>Vault Kubernetes auth mount that KES logs in with (<c>spec.vaultMountPoint</c>).</summary>
    public string VaultMountPoint { get; init; } = "kubernetes";

    /// <summary>Vault role that KES logs in as (<c>spec.vaultRole</c>).</summary>
    public string VaultRole { get; init; } = "secret-infra";

    /// <summary>
    /// Role that KES assumes for an Alibaba store (<c>spec.roleArn</c>), as <c>jx secret convert</c> wrote it for
    /// <c>alicloudSecretsManager</c>; population authenticates by its own chain and does not use it.
    /// </summary>
    public string? RoleArn { get; init; }
}
