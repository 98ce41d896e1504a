using PostRenderer.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PostRenderer.Fuzz;

/// <summary>
/// Reads one document into the tool's node model the way go-yaml v2 (and so Kubernetes) takes it, with YamlDotNet's
/// parser but none of the tool's reading code: a duplicate key is allowed and the last one wins, a byte order mark
/// at the start of a document is no part of it, and an alias to no anchor becomes a string of its name (Kubernetes
/// refuses the document; the name is in a value's place, so the tool must not show it either).
/// </summary>
internal sealed class KubernetesReader
{
    private const int MaxDepth = 200;
    private readonly Dictionary<string, Node> anchors = new(StringComparer.Ordinal);
    private readonly IParser parser;
    private readonly FlowAnchorLiftingScanner scanner;

    private KubernetesReader(string text)
    {
        // The scanner shim only works around YamlDotNet 18.1's parser refusing '{a: &x b, c: d}'; the Go oracle's
        // differential tests hold the tool's reading of such anchors to Kubernetes' own.
        scanner = new FlowAnchorLiftingScanner(new Scanner(new StringReader(WithoutLeadingByteOrderMark(text))));
        parser = new Parser(scanner);
    }

    /// <summary>The document's root node, or null when it holds none; throws <see cref="YamlException"/> (or, from YamlDotNet on some bad input, <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/>) when it is not YAML.</summary>
    public static Node? Read(string text) => new KubernetesReader(text).ReadDocument();

    /// <summary>True with the root when the text is one YAML document; false when the parser refuses it.</summary>
    public static bool TryRead(string text, out Node? root)
    {
        try
        {
            root = Read(text);
            return true;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            root = null;
            return false;
        }
    }

    /// <summary>
    /// The mark go-yaml skips is the one at the start of Kubernetes' piece, which <see cref="RawDocument.Text"/> has
    /// already dropped (after a bare <c>---</c> line that is not in the piece). Any other one is text to go-yaml, even
    /// at the start of the line after <c>--- x</c>; only a caller's own text may still start with one.
    /// </summary>
    private static string WithoutLeadingByteOrderMark(string text) => text.StartsWith('\ufeff') ? text[1..] : text;

    private Node? ReadDocument()
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(1);
        parser.Consume<DocumentEnd>();
        if (!parser.TryConsume<StreamEnd>(out _))
        {
            throw new YamlException("more than one document");
        }

        return root;
    }

    private Node ReadNode(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException("too deep");
        }

        var current = parser.Current ?? throw new YamlException("unexpected end");
        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                var nonSpecific = !scalar.Tag.IsEmpty && scalar.Tag.IsNonSpecific;
                var anchor = scanner.LiftedAnchor(scalar.End) is { } lifted ? new AnchorName(lifted) : scalar.Anchor;
                return Register(anchor, new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && !nonSpecific) { Tag = TagOf(scalar.Tag) });
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var target) ? target : ScalarNode.String(alias.Value.Value);
            case SequenceStart start:
                var items = new List<Node>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(depth + 1));
                }

                // Registered once complete, so an alias inside its own anchor is unknown there (no cycles).
                return Register(start.Anchor, new SequenceNode(items) { Tag = TagOf(start.Tag) });
            case MappingStart start:
                var entries = new List<KeyValuePair<Node, Node>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(depth + 1);
                    var value = ReadNode(depth + 1);
                    // go-yaml applies every merge key (<<) in turn: several in one mapping are no duplicate.
                    var same = key is ScalarNode { IsPlain: true, Tag: null, Value: "<<" } ? -1
                        : key is ScalarNode scalarKey ? entries.FindIndex(entry => entry.Key is ScalarNode other && other.Value == scalarKey.Value && other.IsPlain == scalarKey.IsPlain && other.Tag == scalarKey.Tag) : -1;
                    if (same >= 0)
                    {
                        entries.RemoveAt(same); // go-yaml v2: the last of duplicate keys wins
                    }

                    entries.Add(new(key, value));
                }

                return Register(start.Anchor, new MappingNode(entries) { Tag = TagOf(start.Tag) });
            default:
                throw new YamlException($"unexpected {current.GetType().Name}");
        }
    }

    private T Register<T>(AnchorName anchor, T node)
        where T : Node
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;
}
