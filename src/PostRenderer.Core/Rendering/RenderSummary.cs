namespace PostRenderer.Core.Rendering;

/// <summary>What one run did, for the summary line.</summary>
public sealed record RenderSummary(int Documents, int SecretsConverted);
