using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads a helmfile.yaml the way helmfile does for the parts the README's example uses: helmDefaults'
/// postRenderer and postRendererArgs apply to releases that set none, chart paths are relative to the file,
/// and `{{ .Release.Name }}` / `{{ .Release.Namespace }}` in postRendererArgs are rendered per release.
/// helmfile itself is not installable here (neither Debian nor npm ship it); any other template expression
/// fails loudly so the example cannot drift beyond what this checks.
/// </summary>
public static partial class HelmfileState
{
    public static IReadOnlyList<HelmfileRelease> Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var defaults = RenderedDocument.Child(root, "helmDefaults");
        var defaultRenderer = Scalar(defaults, "postRenderer");
        var defaultArguments = Strings(RenderedDocument.Child(defaults, "postRendererArgs"));
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;

        return ((YamlSequenceNode)RenderedDocument.Child(root, "releases")!).Children.Select(release =>
        {
            var name = Scalar(release, "name") ?? throw new InvalidDataException("release without name");
            var ns = Scalar(release, "namespace") ?? "default";
            var renderer = Scalar(release, "postRenderer") ?? defaultRenderer ?? throw new InvalidDataException($"release {name} has no postRenderer");
            var own = Strings(RenderedDocument.Child(release, "postRendererArgs"));
            var arguments = (own.Count > 0 ? own : defaultArguments).Select(argument => RenderReleaseTemplate(argument, name, ns)).ToList();
            var chart = Path.GetFullPath(Scalar(release, "chart")!, baseDirectory);
            return new HelmfileRelease(name, ns, chart, renderer, arguments);
        }).ToList();
    }

    private static string RenderReleaseTemplate(string text, string name, string ns)
    {
        var rendered = ReleaseField().Replace(text, match => match.Groups[1].Value == "Name" ? name : ns);
        if (rendered.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"template expression not covered by this test: {text}");
        }

        return rendered;
    }

    private static string? Scalar(YamlNode? node, string key) => (RenderedDocument.Child(node, key) as YamlScalarNode)?.Value;

    private static List<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(child => ((YamlScalarNode)child).Value ?? "").ToList() : [];

    [GeneratedRegex(@"\{\{-?\s*\.Release\.(Name|Namespace)\s*-?\}\}")]
    private static partial Regex ReleaseField();
}
