using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Parses one document into a <see cref="Node"/> tree: from a <see cref="YamlIndex"/> of its bytes when the document
/// is in the style charts use, else with <see cref="GeneralNodeReader"/>, which handles all of YAML; either way
/// brought to what Kubernetes reads by <see cref="KubernetesReading"/>, so that no reader decides alone.
/// </summary>
internal sealed class NodeReader(ReaderLimits limits)
{
    private readonly YamlIndex index = new();

    // Made on first use: a render whose documents all take the index never loads YamlDotNet (about 1 ms of start-up).
    private GeneralNodeReader? general;

    /// <summary>Tests turn the index off to compare it with the general reader.</summary>
    internal bool UseFastPath { get; init; } = true;

    /// <summary>Returns the document's root node, or null when the document holds no node.</summary>
    public Node? Read(RawDocument document)
    {
        if (document.BytesAvailable)
        {
            var utf8 = document.Utf8;
            return Read(document, Index(utf8), utf8);
        }

        // A document kept after the splitter moved on: its text is what is left of it.
        var text = Encoding.UTF8.GetBytes(document.Text);
        return Read(document, Index(text), text);
    }

    /// <summary>This reader's index of <paramref name="utf8"/>, valid until the next call; null when the index declines it.</summary>
    internal YamlIndex? Index(ReadOnlySpan<byte> utf8) => UseFastPath && index.TryBuild(utf8, limits.MaxDepth) ? index : null;

    /// <summary>The document's root node, from <paramref name="indexed"/> (of <paramref name="utf8"/>) or, when that is null, the general reader.</summary>
    internal Node? Read(RawDocument document, YamlIndex? indexed, ReadOnlySpan<byte> utf8)
    {
        Node? root;
        var mayShareNodes = false; // the index takes no anchors, so its trees share no node
        if (indexed is not null)
        {
            root = IndexedTree.Build(indexed, utf8);
        }
        else
        {
            general ??= new GeneralNodeReader(limits);
            root = general.Read(document);
            mayShareNodes = true;
        }

        return root is null ? null : KubernetesReading.Apply(root, document.Location, mayShareNodes);
    }
}
