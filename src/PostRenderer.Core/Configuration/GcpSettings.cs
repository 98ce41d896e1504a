namespace PostRenderer.Core.Configuration;

/// <summary>GCP Secret Manager settings; credentials come from Application Default Credentials.</summary>
public sealed record GcpSettings
{
    public string? ProjectId { get; init; }

    /// <summary>API root; default <c>https://secretmanager.googleapis.com/</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Locations for user-managed replication; empty means automatic replication.</summary>
    public IReadOnlyList<string> ReplicaLocations { get; init; } = [];
}
