namespace PostRenderer.Core.Configuration;

/// <summary>How the secret store is seeded with values it lacks.</summary>
public sealed record PopulationSettings
{
    public bool Enabled { get; init; } = true;

    public bool DryRun { get; init; }

    public bool OverwriteExisting { get; init; }

    // Each entry costs two to four round trips; 32 in flight keeps 1,000 Secrets at 20 ms latency within a few
    // seconds, and throttling (429) is absorbed by the retry policy.
    public int Concurrency { get; init; } = 32;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int Retries { get; init; } = 4;
}
