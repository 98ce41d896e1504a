using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>A multi-document YAML stream as helm or the converter printed it, parsed with a real YAML parser.</summary>
public sealed partial class RenderedManifests
{
    private RenderedManifests(string text, IReadOnlyList<RenderedDocument> documents)
    {
        Text = text;
        Documents = documents;
    }

    public string Text { get; }

    public IReadOnlyList<RenderedDocument> Documents { get; }

    /// <summary>The `# Source: chart/templates/file.yaml` comments, one per document helm printed.</summary>
    public IReadOnlyList<string> Sources => SourceComment().Matches(Text).Select(match => match.Groups[1].Value).ToList();

    public static RenderedManifests Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = stream.Documents
            .Select(document => document.RootNode)
            .OfType<YamlMappingNode>()
            .Select(node => new RenderedDocument(node))
            .ToList();
        return new RenderedManifests(text, documents);
    }

    public RenderedDocument Single(string kind, string name) =>
        Assert.Single(Documents, document => document.Kind == kind && document.Name == name);

    /// <summary>
    /// The stream must not hold the value in any form a Secret can carry it: as written, or base64-encoded
    /// (a Secret's data), so a Secret that slipped through unconverted is caught either way.
    /// </summary>
    public void AssertHoldsNoValue(string secretValue)
    {
        Assert.DoesNotContain(secretValue, Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secretValue)), Text, StringComparison.Ordinal);
    }

    public void AssertNoPlainSecrets() =>
        Assert.True(!Documents.Any(document => document.IsSecret), "a plain Secret is left in:\n" + Text);

    [GeneratedRegex(@"^# Source: (.+)$", RegexOptions.Multiline)]
    private static partial Regex SourceComment();
}
