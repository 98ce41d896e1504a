using System.Text;
using System.Text.Unicode;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Brings a parsed document to what sigs.k8s.io/yaml (go-yaml v2, then JSON) makes of it, before anything looks at
/// it, whichever reader parsed it: merge keys (<c>&lt;&lt;</c>) are applied as go-yaml v2 applies them, scalars
/// tagged <c>!!binary</c>, <c>!!str</c> or with a tag go-yaml does not resolve (<c>!foo</c>) become the strings they stand for,
/// tags on collections are dropped, and every plain mapping key becomes the JSON key
/// Kubernetes gets (<c>yes</c> is <c>"true"</c>, <c>0755</c> is <c>"493"</c>). What go-yaml and our readers could read
/// apart is refused: a plain scalar that starts with a byte-order mark, a key Kubernetes refuses, keys that become one.
/// </summary>
internal sealed class KubernetesReading
{
    private const string BinaryTag = "tag:yaml.org,2002:binary";
    private static readonly HashSet<string> ResolvableTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:null",
    };
    private const char ByteOrderMark = '\uFEFF';

    private readonly DocumentLocation location;

    // Aliases share nodes: each is brought once, and every place that holds it gets the same result. Only a tree
    // that may share nodes needs this (the fast reader takes no anchors): most documents walk without it.
    private readonly Dictionary<Node, Node>? done;

    private KubernetesReading(DocumentLocation location, bool mayShareNodes)
    {
        this.location = location;
        done = mayShareNodes ? new(ReferenceEqualityComparer.Instance) : null;
    }

    /// <summary>The document as Kubernetes reads it; the tree is changed in place where it can be.</summary>
    /// <param name="mayShareNodes">Whether the tree may hold a node in two places (its reader expanded an alias).</param>
    public static Node Apply(Node root, DocumentLocation location, bool mayShareNodes = true) =>
        new KubernetesReading(location, mayShareNodes).Visit(root);

    private Node Visit(Node node)
    {
        if (done is not null && done.TryGetValue(node, out var known))
        {
            return known;
        }

        var result = node switch
        {
            ScalarNode scalar => VisitScalar(scalar),
            SequenceNode sequence => VisitSequence(sequence),
            MappingNode mapping => VisitMapping(mapping),
            _ => node,
        };
        if (done is not null)
        {
            done[node] = result;
        }

        return result;
    }

    private ScalarNode VisitScalar(ScalarNode scalar)
    {
        if (scalar.Tag == BinaryTag)
        {
            return ScalarNode.String(DecodeBinary(scalar.Value));
        }

        if (scalar.Tag is { } tag && !ResolvableTags.Contains(tag))
        {
            // go-yaml resolves only these tags; under any other (!!str, !!merge, !foo, a URI) the text is a string.
            return ScalarNode.String(scalar.Value);
        }

        if (scalar.Tag is { } resolvable)
        {
            RefuseUndecodable(scalar, resolvable);
            return scalar;
        }

        if (!scalar.IsPlain)
        {
            return scalar;
        }

        RefuseLeadingByteOrderMark(scalar);
        return PlainScalarAgreement.Agree(scalar);
    }

    /// <summary>
    /// go-yaml decodes a scalar tagged !!bool, !!int, !!float or !!null only when its text (quoted or not) resolves
    /// to that type, an integer also to !!float; else it fails ("cannot decode !!str `v1` as a !!int"), and
    /// Kubernetes refuses the document. Our readers keep the text, so the document is refused here too. (!!timestamp
    /// is left alone: Kubernetes reads a timestamp as the text it was.)
    /// </summary>
    private void RefuseUndecodable(ScalarNode scalar, string tag)
    {
        var kind = GoYamlResolver.Resolve(scalar.Value).Kind;
        var decodes = tag switch
        {
            "tag:yaml.org,2002:bool" => kind is ResolvedKind.True or ResolvedKind.False,
            "tag:yaml.org,2002:int" => kind is ResolvedKind.Int or ResolvedKind.UnsignedInt,
            "tag:yaml.org,2002:float" => kind is ResolvedKind.Float or ResolvedKind.NaN or ResolvedKind.PositiveInfinity or ResolvedKind.NegativeInfinity or ResolvedKind.Int or ResolvedKind.UnsignedInt,
            "tag:yaml.org,2002:null" => kind is ResolvedKind.Null,
            _ => true,
        };
        if (!decodes)
        {
            // The value is not quoted: it may be a secret.
            throw Refuse($"a value tagged !!{tag["tag:yaml.org,2002:".Length..]} that go-yaml cannot decode as one, so Kubernetes refuses the document; remove the tag or correct the value");
        }
    }

    private SequenceNode VisitSequence(SequenceNode sequence)
    {
        var items = sequence.Items;
        for (var i = 0; i < items.Count; i++)
        {
            items[i] = Visit(items[i]);
        }

        // go-yaml reads a tagged collection as the collection: the tag means nothing to Kubernetes.
        return sequence.Tag is null ? sequence : new SequenceNode(items);
    }

    private MappingNode VisitMapping(MappingNode mapping)
    {
        var entries = mapping.Entries;
        var hasMerge = false;
        var keyChanged = false;
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            var newKey = VisitKey(key, out var isMerge);
            hasMerge |= isMerge;
            keyChanged |= !ReferenceEquals(newKey, key);
            entries[i] = new(newKey, Visit(value));
        }

        if (keyChanged)
        {
            RefuseDuplicateKeys(entries);
        }

        if (hasMerge)
        {
            ApplyMerges(mapping);
        }

        return mapping.Tag is null ? mapping : new MappingNode(entries);
    }

    /// <summary>The key as the JSON key Kubernetes gets; <paramref name="isMerge"/> for go-yaml's merge key.</summary>
    private Node VisitKey(Node key, out bool isMerge)
    {
        isMerge = false;
        if (key is not ScalarNode scalar)
        {
            // go-yaml takes a mapping or a list as a key only to fail on it ("invalid map key"): so does Kubernetes.
            throw Refuse("a mapping key that is itself a mapping or a list, which Kubernetes cannot read; use a plain key");
        }

        if (IsMergeKey(scalar))
        {
            isMerge = true;
            return scalar;
        }

        if (!scalar.IsPlain || scalar.Tag is not null)
        {
            var visited = VisitScalar(scalar);
            return visited.Tag is { } tag ? throw Refuse($"a mapping key with the tag {tag}; write the key without a tag") : visited;
        }

        if (IsPlainWordKey(scalar.Value))
        {
            return scalar;
        }

        RefuseLeadingByteOrderMark(scalar);
        var jsonKey = GoYamlResolver.JsonKey(scalar.Value)
            ?? throw Refuse($"the mapping key '{scalar.Value}', which Kubernetes cannot read as a key (null, or a number beyond 64 bits); quote it");
        return jsonKey == scalar.Value && ScalarStyleRules.ResolvesToString(jsonKey) ? scalar : ScalarNode.String(jsonKey);
    }

    /// <summary>
    /// go-yaml v2 applies entries in order into one map: a merge sets every key of the merged mapping (of each mapping of
    /// a merged list, the first one last, so that it wins), and any entry after it may set a key again.
    /// </summary>
    private void ApplyMerges(MappingNode mapping)
    {
        var merged = new List<KeyValuePair<Node, Node>>(mapping.Entries.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is ScalarNode key && IsMergeKey(key))
            {
                Merge(entry.Value, merged, positions);
            }
            else
            {
                Set(entry, merged, positions);
            }
        }

        mapping.Entries.Clear();
        mapping.Entries.AddRange(merged);
    }

    private void Merge(Node source, List<KeyValuePair<Node, Node>> merged, Dictionary<string, int> positions)
    {
        switch (source)
        {
            case MappingNode from:
                foreach (var entry in from.Entries)
                {
                    Set(entry, merged, positions);
                }

                break;
            case SequenceNode list:
                for (var i = list.Items.Count - 1; i >= 0; i--)
                {
                    if (list.Items[i] is not MappingNode)
                    {
                        throw Refuse("a merge key (<<) whose list holds something other than mappings; merge only mappings");
                    }

                    Merge(list.Items[i], merged, positions);
                }

                break;
            default:
                throw Refuse("a merge key (<<) whose value is not a mapping or a list of mappings; merge only mappings");
        }
    }

    private static void Set(KeyValuePair<Node, Node> entry, List<KeyValuePair<Node, Node>> merged, Dictionary<string, int> positions)
    {
        if (entry.Key is not ScalarNode key)
        {
            merged.Add(entry);
            return;
        }

        if (positions.TryGetValue(key.Value, out var at))
        {
            merged[at] = entry;
            return;
        }

        positions[key.Value] = merged.Count;
        merged.Add(entry);
    }

    private void RefuseDuplicateKeys(List<KeyValuePair<Node, Node>> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in entries)
        {
            if (key is ScalarNode scalar && !IsMergeKey(scalar) && !seen.Add(scalar.Value))
            {
                throw Refuse($"two keys that Kubernetes reads as the same key '{scalar.Value}' (such as yes and \"true\"); remove one of them");
            }
        }
    }

    /// <summary>go-yaml skips a byte-order mark only at the start of the piece; inside a document our readers take it as text.</summary>
    private void RefuseLeadingByteOrderMark(ScalarNode plain)
    {
        if (plain.Value.Length > 0 && plain.Value[0] == ByteOrderMark)
        {
            throw Refuse("a byte-order mark (U+FEFF) inside the document; remove it");
        }
    }

    /// <summary>
    /// Most keys (apiVersion, metadata, labels, image) start with a letter that starts no boolean or null word of
    /// either YAML version: go-yaml reads them as the text they are and the emitter writes them plain, with no lookup.
    /// </summary>
    private static bool IsPlainWordKey(string key) =>
        key.Length > 0 && char.IsAsciiLetter(key[0]) && key[0] is not ('y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O');

    private static bool IsMergeKey(ScalarNode key) => key.IsPlain && key.Tag is null && key.Value == "<<";

    /// <summary>Go's base64.StdEncoding, as go-yaml decodes !!binary: line breaks are skipped, nothing else.</summary>
    private string DecodeBinary(string value)
    {
        var base64 = value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (base64.AsSpan().IndexOfAny(' ', '\t') >= 0 || !TryDecode(base64, out var bytes))
        {
            throw Refuse("a !!binary value that is not valid base64; fix or remove the tag");
        }

        if (!Utf8.IsValid(bytes))
        {
            // JSON carries text: Kubernetes would get replacement characters instead of these bytes.
            throw Refuse("a !!binary value that is not UTF-8 text, which Kubernetes would receive changed; put binary values in a Secret's data as base64");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[(base64.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        Array.Resize(ref bytes, written);
        return true;
    }

    private DocumentException Refuse(string problem) => new(location, problem);
}
