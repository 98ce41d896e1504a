namespace PostRenderer.Core.Rendering;

/// <summary>What one run did, for the summary line.</summary>
internal sealed record RenderSummary(int Documents, int SecretsConverted);
