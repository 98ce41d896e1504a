using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Parses one document's text into a <see cref="Node"/> tree: with <see cref="FastBlockReader"/> when the
/// document is in the block style charts use, else with <see cref="GeneralNodeReader"/>, which handles all of YAML;
/// either way brought to what Kubernetes reads by <see cref="KubernetesReading"/>, so that no reader decides alone.
/// </summary>
internal sealed class NodeReader(ReaderLimits limits)
{
    // Made on first use: a render whose documents all take the fast path never loads YamlDotNet (about 1 ms of start-up).
    private GeneralNodeReader? general;

    /// <summary>Tests turn the fast reader off to compare it with the general one.</summary>
    internal bool UseFastPath { get; init; } = true;

    /// <summary>Returns the document's root node, or null when the document holds no node.</summary>
    public Node? Read(RawDocument document)
    {
        var root = UseFastPath ? FastBlockReader.TryRead(document.Text, limits.MaxDepth) : null;
        var mayShareNodes = false; // the fast reader takes no anchors, so its trees share no node
        if (root is null)
        {
            general ??= new GeneralNodeReader(limits);
            root = general.Read(document);
            mayShareNodes = true;
        }

        return root is null ? null : KubernetesReading.Apply(root, new DocumentLocation(document.Index, document.StartLine), mayShareNodes);
    }
}
