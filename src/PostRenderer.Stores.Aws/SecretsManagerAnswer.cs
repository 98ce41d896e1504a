using System.Text.Json.Nodes;

namespace PostRenderer.Stores.Aws;

/// <summary>What one Secrets Manager call answered: the JSON body on success, or the short type of an error the caller expects.</summary>
internal sealed record SecretsManagerAnswer(JsonObject? Body, string? Error);
