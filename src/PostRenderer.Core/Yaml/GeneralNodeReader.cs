using System.Text;
using PostRenderer.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Reads any YAML document through YamlDotNet's parser, for what <see cref="YamlIndex"/> declines. Aliases
/// are expanded by sharing the anchored node, with a bound on the expanded size and depth so that an alias bomb
/// or deep nesting fails cleanly.
/// </summary>
internal sealed class GeneralNodeReader
{
    private readonly ReaderLimits limits;
    private readonly Dictionary<string, Node> anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, NodeWeight> weights = new(ReferenceEqualityComparer.Instance);
    private DocumentLocation location = new(0, 0);
    private long expandedNodes;
    private long aliasedBytes;
    private int flowDepth;
    private string text = "";
    private IParser parser = null!;
    private FlowAnchorLiftingScanner scanner = null!;

    public GeneralNodeReader(ReaderLimits limits)
    {
        this.limits = limits;
    }

    /// <summary>Returns the document's root node, or null when the document holds no node.</summary>
    public Node? Read(RawDocument document)
    {
        location = document.Location;
        anchors.Clear();
        weights.Clear();
        expandedNodes = 0;
        aliasedBytes = 0;
        flowDepth = 0;
        text = document.Text;
        RefuseByteOrderMarkAtLineStart();
        scanner = new FlowAnchorLiftingScanner(new Scanner(new StringReader(text)));
        parser = new Parser(scanner);
        try
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
                throw Fail(parser.Current?.Start ?? Mark.Empty, "more than one document where one was expected; separate documents with a '---' line");
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw Fail(ex.Start, $"invalid YAML: {DescribeYamlError(ex)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this, instead of a YamlException, on some unterminated flow collections.
            throw Fail(parser.Current?.End ?? Mark.Empty, "invalid YAML: a flow collection ([...] or {...}) or a quoted value is not closed", ex);
        }
        catch (ArgumentException ex)
        {
            // And this on a tag that is not a valid URI (!!]); its message would quote the tag.
            throw Fail(parser.Current?.Start ?? Mark.Empty, "invalid YAML: a tag that is not a valid URI", ex);
        }
        finally
        {
            anchors.Clear();
            weights.Clear();
        }
    }

    private Node ReadNode(int depth)
    {
        if (depth > limits.MaxDepth)
        {
            throw Fail(parser.Current?.Start ?? Mark.Empty, $"nesting is deeper than {limits.MaxDepth} levels");
        }

        var current = parser.Current ?? throw Fail(Mark.Empty, "unexpected end of the document");
        return current switch
        {
            Scalar scalar => ReadScalar(scalar),
            SequenceStart start => ReadSequence(start, depth),
            MappingStart start => ReadMapping(start, depth),
            AnchorAlias alias => ReadAlias(alias, depth),
            _ => throw Fail(current.Start, $"unexpected {current.GetType().Name}"),
        };
    }

    private Node ReadScalar(Scalar scalar)
    {
        parser.MoveNext();
        if (scalar.Style == ScalarStyle.Plain && (scalar.Value.Contains(": ", StringComparison.Ordinal)
            || (flowDepth == 0 && scalar.Value.EndsWith(':') && ScalarStyleRules.HasBlankBeforeAliasOrAnchor(scalar.Value))))
        {
            // No plain scalar can hold ': ' (it starts a mapping value): YamlDotNet misread the line ('a *c: d');
            // nor can ' *c:' end one before a line end, which YamlDotNet reads as text ('a *c:', a key to go-yaml).
            throw Fail(scalar.Start, "a line YAML readers take apart (an '*' or '&' inside a key?); quote the key");
        }

        if (flowDepth > 0 && scalar.Style == ScalarStyle.Plain && scalar.Value.Length > 0
            && (scalar.Value[0] == '?' || scalar.Value[^1] == ':' || IsColonThenFlowEnd(scalar.End)))
        {
            // YamlDotNet and go-yaml read '?x' and 'x:' inside [...] or {...} apart (a key, or text).
            throw Fail(scalar.Start, "a plain value inside [...] or {...} that starts with '?' or ends with ':', which YAML readers take apart; quote it");
        }

        var nonSpecific = !scalar.Tag.IsEmpty && scalar.Tag.IsNonSpecific;
        var node = new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && !nonSpecific)
        {
            Tag = scalar.Tag.IsEmpty || nonSpecific ? null : scalar.Tag.Value,
        };
        return Register(AnchorOf(scalar), node, new NodeWeight(1, 1, Encoding.UTF8.GetByteCount(scalar.Value)));
    }

    private AnchorName AnchorOf(Scalar scalar)
    {
        var lifted = scanner.LiftedAnchor(scalar.End);
        if (lifted is null)
        {
            return scalar.Anchor;
        }

        return scalar.Anchor.IsEmpty ? new AnchorName(lifted) : throw Fail(scalar.Start, "a value with two anchors (&...); keep one");
    }

    private Node ReadSequence(SequenceStart start, int depth)
    {
        parser.MoveNext();
        using var flow = EnterFlow(start.Style == SequenceStyle.Flow);
        var items = new List<Node>();
        long size = 1;
        long bytes = 0;
        var height = 0;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode(depth + 1);
            var weight = weights[item];
            size += weight.Size;
            bytes += weight.Bytes;
            height = Math.Max(height, weight.Height);
            items.Add(item);
        }

        var node = new SequenceNode(items) { Tag = TagOf(start.Tag) };
        return Register(start.Anchor, node, new NodeWeight(size, height + 1, bytes));
    }

    private Node ReadMapping(MappingStart start, int depth)
    {
        parser.MoveNext();
        using var flow = EnterFlow(start.Style == MappingStyle.Flow);
        var entries = new List<KeyValuePair<Node, Node>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long size = 1;
        long bytes = 0;
        var height = 0;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current?.Start ?? Mark.Empty;
            var key = ReadNode(depth + 1);
            // go-yaml applies every merge key (<<) in turn, so several in one mapping are no duplicate for Kubernetes.
            if (key is ScalarNode scalarKey && !(scalarKey is { IsPlain: true, Tag: null, Value: "<<" }) && !seen.Add(scalarKey.Value))
            {
                throw Fail(keyStart, $"duplicate key '{scalarKey.Value}'; remove one of them");
            }

            var value = ReadNode(depth + 1);
            var keyWeight = weights[key];
            var valueWeight = weights[value];
            size += keyWeight.Size + valueWeight.Size;
            bytes += keyWeight.Bytes + valueWeight.Bytes;
            height = Math.Max(height, Math.Max(keyWeight.Height, valueWeight.Height));
            entries.Add(new(key, value));
        }

        var node = new MappingNode(entries) { Tag = TagOf(start.Tag) };
        return Register(start.Anchor, node, new NodeWeight(size, height + 1, bytes));
    }

    private Node ReadAlias(AnchorAlias alias, int depth)
    {
        parser.MoveNext();
        if (!anchors.TryGetValue(alias.Value.Value, out var target))
        {
            // No name in the message: in a Secret, "*hunter2" is more likely a value than an alias.
            throw Fail(alias.Start, "an alias (*...) refers to no anchor defined before it; quote a value that starts with '*'");
        }

        var weight = weights[target];
        if (depth + weight.Height > limits.MaxDepth)
        {
            throw Fail(alias.Start, $"expanding an alias nests deeper than {limits.MaxDepth} levels");
        }

        Count(alias.Start, weight.Size);
        CountAliasedBytes(alias.Start, weight.Bytes);
        return target;
    }

    /// <summary>
    /// YamlDotNet skips a byte-order mark at the start of a line between tokens, as libyaml does; go-yaml only at the
    /// start of the piece Kubernetes cuts, which <see cref="RawDocument.Text"/> has dropped. Any other one at a line's
    /// start the two read apart (<c>---\n\uFEFFkind: Secret</c> has the key <c>\uFEFFkind</c> for Kubernetes).
    /// </summary>
    private void RefuseByteOrderMarkAtLineStart()
    {
        var at = text.StartsWith('\uFEFF') ? 0 : text.IndexOf("\n\uFEFF", StringComparison.Ordinal);
        if (at >= 0)
        {
            var line = location.Line + (at == 0 ? 0 : text.AsSpan(0, at).Count('\n') + 1);
            throw new DocumentException(location, $"a byte-order mark (U+FEFF) at the start of a line inside the document; remove it (line {line})");
        }
    }

    /// <summary>"b:," or "b:}" right after the scalar: go-yaml reads the key "b:", YamlDotNet the key "b".</summary>
    private bool IsColonThenFlowEnd(Mark end)
    {
        var at = (int)end.Index;
        return at + 1 < text.Length && text[at] == ':' && text[at + 1] is ',' or '}' or ']';
    }

    private FlowScope EnterFlow(bool isFlow)
    {
        flowDepth += isFlow ? 1 : 0;
        return new FlowScope(this, isFlow);
    }

    /// <summary>go-yaml ends an anchor or alias name at any character but a letter, a digit, '_' or '-'; YamlDotNet does not.</summary>
    private void CheckAnchorName(string name, Mark at)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw Fail(at, "an anchor or alias name with a character other than letters, digits, '_' and '-', which Kubernetes' reader cuts short; rename it");
            }
        }
    }

    private Node Register(AnchorName anchor, Node node, NodeWeight weight)
    {
        weights[node] = weight;
        if (!anchor.IsEmpty)
        {
            CheckAnchorName(anchor.Value, parser.Current?.Start ?? Mark.Empty);
            anchors[anchor.Value] = node;
        }

        Count(Mark.Empty, 1);
        return node;
    }

    private void Count(Mark mark, long nodes)
    {
        expandedNodes += nodes;
        if (expandedNodes > limits.MaxNodes)
        {
            throw Fail(mark, $"the document expands to more than {limits.MaxNodes} nodes (an alias bomb?); simplify its anchors and aliases");
        }
    }

    /// <summary>
    /// Few nodes can hold many bytes: a long scalar repeated through aliases nested a few levels deep stays under the
    /// node limit and still makes the output tens of megabytes (fixtures/fuzz/hangs/alias-expansion-of-long-scalar).
    /// </summary>
    private void CountAliasedBytes(Mark mark, long bytes)
    {
        aliasedBytes += bytes;
        if (aliasedBytes > limits.MaxAliasedBytes)
        {
            throw Fail(mark, $"its aliases (*...) repeat more than {limits.MaxAliasedBytes / (1024 * 1024)} MiB of text (an alias bomb?); simplify its anchors and aliases");
        }
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    private DocumentException Fail(Mark mark, string problem, Exception? inner = null)
    {
        var at = mark.Line > 0 ? $" (line {location.Line + (int)mark.Line - 1}, column {mark.Column})" : "";
        return new DocumentException(location, problem + at, inner);
    }

    /// <summary>YamlDotNet prefixes positions that we report ourselves; keep only its description.</summary>
    private static string DescribeYamlError(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    /// <summary>A node's size once its aliases are expanded: nodes, levels, and bytes of scalar text.</summary>
    private readonly record struct NodeWeight(long Size, int Height, long Bytes);

    /// <summary>Leaves a flow collection (when it entered one) as the read of a collection returns.</summary>
    private readonly struct FlowScope(GeneralNodeReader reader, bool isFlow) : IDisposable
    {
        public void Dispose() => reader.flowDepth -= isFlow ? 1 : 0;
    }
}
