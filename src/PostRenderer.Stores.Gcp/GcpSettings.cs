namespace PostRenderer.Stores.Gcp;

/// <summary>GCP Secret Manager settings; credentials come from Application Default Credentials.</summary>
public sealed record GcpSettings
{
    public string? ProjectId { get; init; }

    /// <summary>API root; default <c>https://secretmanager.googleapis.com/</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Locations for user-managed replication; empty means automatic replication.</summary>
    public IReadOnlyList<string> ReplicaLocations { get; init; } = [];

    /// <summary>
    /// How long in total to keep waiting while Secret Manager answers 429 RESOURCE_EXHAUSTED: quotas are per minute,
    /// so a run slowed down by them should wait, not fail.
    /// </summary>
    public TimeSpan QuotaWait { get; init; } = TimeSpan.FromSeconds(60);
}
