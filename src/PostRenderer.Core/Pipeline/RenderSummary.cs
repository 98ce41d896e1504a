namespace PostRenderer.Core.Pipeline;

/// <summary>What one run did, for the summary line.</summary>
public sealed record RenderSummary(int Documents, int SecretsConverted);
