using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Fuzz;

/// <summary>
/// What a node means to Kubernetes (go-yaml v2, then JSON), independently of how the tool reads it: plain scalars
/// resolve as go-yaml v2's resolve table does, <c>!!binary</c> is its bytes, merge keys <c>&lt;&lt;</c> are
/// resolved in order as go-yaml v2 applies them. Two trees that mean the same have the same
/// fingerprint, whatever their key order, quoting or anchors.
/// </summary>
internal sealed class KubernetesMeaning
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string BinaryTag = "tag:yaml.org,2002:binary";
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;


    // Shared subtrees (aliases) are fingerprinted once: an alias bomb the reader accepted stays linear here.
    private readonly Dictionary<Node, ulong> memo = new(ReferenceEqualityComparer.Instance);

    /// <summary>The resolved type of a scalar and the text that identifies its value, as go-yaml v2 reads it.</summary>
    public static (string Type, string Value) Resolve(ScalarNode scalar)
    {
        switch (scalar.Tag)
        {
            case StrTag:
                return ("str", scalar.Value);
            case BinaryTag:
                return ("str", DecodeBinary(scalar.Value) ?? "\0invalid binary\0" + scalar.Value);
            case "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null" or "tag:yaml.org,2002:timestamp":
                return (scalar.Tag, scalar.Value);
            case not null:
                // go-yaml resolves no other tag: the text is a string (checked against the Kubernetes oracle).
                return ("str", scalar.Value);
        }

        if (!scalar.IsPlain)
        {
            return ("str", scalar.Value);
        }

        // The resolve table itself is held to go-yaml by the Kubernetes-oracle differential tests; numbers compare
        // by value, so that 1e3 and 1000.0 (both 1000 in JSON) mean the same, and a date is the string it was.
        var text = scalar.Value;
        var resolved = GoYamlResolver.Resolve(text);
        return resolved.Kind switch
        {
            ResolvedKind.Null => ("null", ""),
            ResolvedKind.True => ("bool", "true"),
            ResolvedKind.False => ("bool", "false"),
            ResolvedKind.Int => ("number", ((double)resolved.Integer).ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ResolvedKind.Float or ResolvedKind.UnsignedInt => ("number", resolved.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ResolvedKind.NaN or ResolvedKind.PositiveInfinity or ResolvedKind.NegativeInfinity => ("float", resolved.Kind.ToString()),
            ResolvedKind.Merge => ("merge", text),
            _ => ("str", text),
        };
    }

    /// <summary>A scalar's value when it resolves to a string (the bytes of a !!binary one as UTF-8 text); null otherwise.</summary>
    public static string? AsString(Node? node) =>
        node is ScalarNode scalar && Resolve(scalar) is ("str", var value) ? value : null;

    /// <summary>The mapping's entries as Kubernetes sees them, merge keys resolved; keys by their resolved text.</summary>
    public static Dictionary<string, Node> Entries(MappingNode mapping) => Entries(mapping, 0);

    public ulong Fingerprint(Node? node)
    {
        if (node is null)
        {
            return Mix(Offset, "null");
        }

        if (memo.TryGetValue(node, out var known))
        {
            return known;
        }

        ulong hash;
        switch (node)
        {
            case ScalarNode scalar:
                var (type, text) = Resolve(scalar);
                hash = Mix(Mix(Offset, type), type is "null" ? "" : text);
                break;
            case SequenceNode sequence:
                hash = Mix(Offset, "[");
                foreach (var item in sequence.Items)
                {
                    hash = Mix(hash, Fingerprint(item));
                }

                break;
            default:
                var pairs = new List<(ulong Key, ulong Value)>();
                foreach (var (key, entry) in Entries((MappingNode)node))
                {
                    pairs.Add((Mix(Offset, key), Fingerprint(entry)));
                }

                pairs.Sort();
                hash = Mix(Offset, "{");
                foreach (var (key, entry) in pairs)
                {
                    hash = Mix(Mix(hash, key), entry);
                }

                break;
        }

        memo[node] = hash;
        return hash;
    }

    /// <summary>
    /// go-yaml v2 sets the entries in their order, a merge key's mapping(s) included, each over what is there: so a
    /// key after <c>&lt;&lt;</c> wins over the merged one, and a merge wins over a key before it (checked against
    /// the Kubernetes oracle: <c>a: 0\n&lt;&lt;: {a: 1}</c> is <c>{"a":1}</c>). A list of mappings is merged from its
    /// last to its first, so that the earlier ones win among themselves.
    /// </summary>
    private static Dictionary<string, Node> Entries(MappingNode mapping, int depth)
    {
        var entries = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (key is not ScalarNode { IsPlain: true, Tag: null, Value: "<<" })
            {
                entries[KeyText(key)] = value;
                continue;
            }

            // Bounded: a merge of a merge of ... is resolved a few levels deep, enough for any real chart.
            var sources = depth >= 8 ? [] : value switch
            {
                MappingNode one => [one],
                SequenceNode many => many.Items.OfType<MappingNode>().Reverse().ToList(),
                _ => new List<MappingNode>(),
            };
            foreach (var source in sources)
            {
                foreach (var (mergedKey, mergedValue) in Entries(source, depth + 1))
                {
                    entries[mergedKey] = mergedValue;
                }
            }
        }

        return entries;
    }

    private static string KeyText(Node key) => key switch
    {
        ScalarNode { IsPlain: true, Tag: null } plain when GoYamlResolver.JsonKey(plain.Value) is { } jsonKey => jsonKey,
        ScalarNode scalar => Resolve(scalar) is var (type, value) && type is "str" ? value : $"{type}:{value}",
        _ => "\0complex key",
    };

    private static string? DecodeBinary(string text)
    {
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var buffer = new byte[compact.Length];
        return Convert.TryFromBase64String(compact, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xff) * Prime;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ ((value >> (8 * i)) & 0xff)) * Prime;
        }

        return hash;
    }
}
