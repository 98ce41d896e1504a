using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Krm;

/// <summary>The run's messages as a ResourceList's <c>results</c>: one per message, its level as the severity.</summary>
internal static class KrmResults
{
    private const string Prefix = "secret-postrenderer: ";

    public static SequenceNode From(string messages)
    {
        var results = new SequenceNode();
        foreach (var line in messages.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var text = line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line;
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            var level = colon > 0 ? text[..colon] : "";
            var severity = level is "error" or "warning" or "info" ? level : "info";
            var message = level == severity ? text[(colon + 2)..] : text;
            results.Items.Add(new MappingNode().Add("message", message).Add("severity", severity));
        }

        return results;
    }
}
