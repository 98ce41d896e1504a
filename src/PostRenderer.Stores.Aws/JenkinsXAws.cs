using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// How <c>jx secret convert</c> resolved an AWS store for a secret, shared by Secrets Manager and Parameter Store:
/// Parameter Store shares Secrets Manager's fields in the mapping; each store reads them from its own section.
/// </summary>
public static class JenkinsXAws
{
    public static void Map(JenkinsXSecret secret, string section, Action<string, string?> add)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(add);
        add($"{section}:region", secret.Field("secretsManager", "region") ?? secret.Default("secretsManager", "region") ?? secret.Field("region") ?? secret.Default("region")
            ?? throw secret.Error($"secret '{secret.Name}' of backendType {secret.BackendType} has no region; set secretsManager.region or region"));
        add($"{section}:roleArn", secret.Field("roleArn") ?? secret.Default("roleArn") ?? secret.Field("secretsManager", "roleArn") ?? secret.Default("secretsManager", "roleArn"));
        add("versionStage", secret.Field("secretsManager", "versionStage") ?? secret.Default("secretsManager", "versionStage") ?? secret.Default("versionStage"));
        add("entryName", "{name}");
    }
}
