using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Gcp;

/// <summary>GCP Secret Manager as Core sees it: its settings, its name rules, its KES and Jenkins X fields.</summary>
public sealed class GcpStoreDefinition : StoreDefinition<GcpSettings>
{
    public static GcpStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.Gcp;

    public override string Name => "gcp";

    public override string? KesBackendType => "gcpSecretsManager";

    public override bool JenkinsXPropertyPerKey => true;

    public override bool MigratesFromKes => true;

    public override string? JenkinsXInstanceSetting => "gcp:projectId";

    public override string EntryName(string raw) =>
        EntryNameRules.Limit(EntryNameRules.Replace(raw, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', static c => c == '/' ? '_' : '-'), 255, "GCP Secret Manager");

    public override GcpSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new GcpSettings
        {
            ProjectId = section.String("projectId"),
            Endpoint = section.String("endpoint"),
            ReplicaLocations = section.StringList("replicaLocations"),
            QuotaWait = section.Duration("quotaWait") ?? new GcpSettings().QuotaWait,
        };
        section.RejectUnknown();
        return settings;
    }

    public override IEnumerable<KeyValuePair<string, string?>> KesFields(GcpSettings settings, KesSettings kes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("projectId", settings.ProjectId)];
    }

    public override IEnumerable<KeyValuePair<string, string?>> KesInstanceFields(GcpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("projectId", settings.ProjectId)];
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(add);
        add("gcp:projectId", secret.Field("gcpSecretsManager", "projectId") ?? secret.Default("gcpSecretsManager", "projectId")
            ?? throw secret.Error($"secret '{secret.Name}' uses gcpSecretsManager without a projectId; set gcpSecretsManager.projectId"));
        add("version", secret.Field("gcpSecretsManager", "version") ?? secret.Default("gcpSecretsManager", "version") ?? "latest");
        add("entryName", UniquePrefix(secret) is { } uniquePrefix ? uniquePrefix + "-{name}" : "{name}");
    }

    public override string JenkinsXEntry(JenkinsXSecret secret, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return UniquePrefix(secret) is { } uniquePrefix ? $"{uniquePrefix}-{key}".ToLowerInvariant() : key.ToLowerInvariant();
    }

    private static string? UniquePrefix(JenkinsXSecret secret) =>
        secret.Field("gcpSecretsManager", "uniquePrefix") ?? secret.Default("gcpSecretsManager", "uniquePrefix");
}
