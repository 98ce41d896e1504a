namespace PostRenderer.Core.Configuration;

/// <summary>How the secret store is seeded with values it lacks.</summary>
public sealed record PopulationSettings
{
    public bool Enabled { get; init; } = true;

    public bool DryRun { get; init; }

    public bool OverwriteExisting { get; init; }

    public int Concurrency { get; init; } = 8;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int Retries { get; init; } = 4;
}
