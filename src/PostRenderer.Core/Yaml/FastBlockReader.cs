using System.Globalization;
using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// A fast reader for the YAML that renderers emit: block mappings and sequences, single-line plain and quoted
/// scalars, literal and folded block scalars, single-line flow collections, comments. It reads several times
/// faster than the general parser. Anything outside that subset (anchors, aliases, tags, directives, multi-line
/// plain or quoted scalars, flow collections over several lines, complex keys, anything malformed) makes it give
/// up, and the document is read by YamlDotNet instead, which also reports every error. A differential test
/// holds both readers to the same trees.
/// </summary>
internal sealed class FastBlockReader
{
    private readonly string text;
    private readonly List<Line> lines = [];
    private readonly int maxDepth;
    private int current;
    private long nodes;

    private FastBlockReader(string text, int maxDepth)
    {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /// <summary>The document's root node, or null when the text is outside the subset this reader handles.</summary>
    public static Node? TryRead(string text, int maxDepth)
    {
        try
        {
            return TryReadStrict(text, maxDepth);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // A gap in this reader must never fail a render: the general reader decides instead.
            return null;
        }
    }

    /// <summary>Like <see cref="TryRead"/>, but lets this reader's own bugs surface (for the differential tests).</summary>
    internal static Node? TryReadStrict(string text, int maxDepth)
    {
        try
        {
            return new FastBlockReader(text, maxDepth).ReadDocument();
        }
        catch (GiveUpException)
        {
            return null;
        }
    }

    private Node ReadDocument()
    {
        SplitLines();
        current = 0;
        SkipInsignificant();
        if (current < lines.Count && IsMarker(current, "---"))
        {
            if (!IsBlankOrComment(lines[current].Start + 3, lines[current].End))
            {
                GiveUp();
            }

            current++;
            SkipInsignificant();
        }

        if (current >= lines.Count || IsMarker(current, "..."))
        {
            GiveUp(); // empty documents are rare; YamlDotNet knows their exact shape
        }

        var root = ReadBlockNode(lines[current].Indent, depth: 1);
        SkipInsignificant();
        if (current < lines.Count && IsMarker(current, "..."))
        {
            if (!IsBlankOrComment(lines[current].Start + 3, lines[current].End))
            {
                GiveUp(); // "... v": text after the end marker; YamlDotNet decides
            }

            current++;
            SkipInsignificant();
        }

        if (current < lines.Count)
        {
            GiveUp();
        }

        return root;
    }

    private Node ReadBlockNode(int indent, int depth)
    {
        CheckDepth(depth);
        var line = lines[current];
        if (line.Indent != indent)
        {
            GiveUp();
        }

        return IsSequenceEntry(line.Start + indent, line.End)
            ? ReadSequence(indent, depth)
            : ReadMapping(indent, line.Start + indent, depth);
    }

    private SequenceNode ReadSequence(int indent, int depth)
    {
        var items = new List<Node>();
        while (current < lines.Count && lines[current].Indent == indent && IsSequenceEntry(lines[current].Start + indent, lines[current].End))
        {
            var line = lines[current];
            var at = line.Start + indent + 1;
            var contentAt = SkipSpaces(at, line.End);
            if (IsBlankOrComment(contentAt, line.End))
            {
                current++;
                items.Add(ReadNestedValue(indent, allowSameIndentSequence: false, depth + 1));
            }
            else if (IsSequenceEntry(contentAt, line.End))
            {
                GiveUp(); // "- - x": compact nested sequences are rare
            }
            else if (FindMappingColon(contentAt, line.End) >= 0)
            {
                items.Add(ReadMapping(contentAt - line.Start, contentAt, depth + 1));
            }
            else
            {
                items.Add(ReadInlineValue(contentAt, line.End, indent, depth + 1));
            }

            SkipInsignificant();
        }

        EndOfCollection(indent);
        return new SequenceNode(items);
    }

    private MappingNode ReadMapping(int indent, int firstKeyAt, int depth)
    {
        CheckDepth(depth);
        var entries = new List<KeyValuePair<Node, Node>>();
        HashSet<string>? keys = null;
        var keyAt = firstKeyAt;
        while (true)
        {
            var line = lines[current];
            var colon = FindMappingColon(keyAt, line.End);
            if (colon < 0)
            {
                GiveUp();
            }

            var key = ReadKey(keyAt, colon);
            if (!IsNewKey(entries, key.Value, ref keys))
            {
                GiveUp(); // duplicate keys: the general reader reports them
            }

            var valueAt = SkipSpaces(colon + 1, line.End);
            Node value;
            if (IsBlankOrComment(valueAt, line.End))
            {
                current++;
                value = ReadNestedValue(indent, allowSameIndentSequence: true, depth + 1);
            }
            else
            {
                value = ReadInlineValue(valueAt, line.End, indent, depth + 1);
            }

            entries.Add(new(key, value));
            SkipInsignificant();
            if (current >= lines.Count || lines[current].Indent < indent || IsMarker(current, "..."))
            {
                break;
            }

            var next = lines[current];
            if (next.Indent > indent || IsSequenceEntry(next.Start + indent, next.End))
            {
                GiveUp(); // a deeper line or a '-' among the keys is malformed: the general reader explains it
            }

            keyAt = next.Start + indent;
        }

        return new MappingNode(entries);
    }

    /// <summary>The value of "key:" or "-" with nothing after it on the line: a deeper block, a same-indentation sequence, or null.</summary>
    private Node ReadNestedValue(int parentIndent, bool allowSameIndentSequence, int depth)
    {
        SkipInsignificant();
        if (current < lines.Count && !IsMarker(current, "...") && !IsMarker(current, "---"))
        {
            var line = lines[current];
            if (line.Indent > parentIndent)
            {
                return ReadBlockNode(line.Indent, depth);
            }

            if (allowSameIndentSequence && line.Indent == parentIndent && IsSequenceEntry(line.Start + parentIndent, line.End))
            {
                return ReadSequence(parentIndent, depth);
            }
        }

        return new ScalarNode("", isPlain: true);
    }

    /// <summary>A value that starts on the current line at <paramref name="at"/>; advances past every line it uses.</summary>
    private Node ReadInlineValue(int at, int end, int parentIndent, int depth)
    {
        CheckDepth(depth);
        var c = text[at];
        switch (c)
        {
            case '"':
            case '\'':
                var (quoted, after) = c == '"' ? ReadDoubleQuoted(at, end) : ReadSingleQuoted(at, end);
                RequireEndOfLine(after, end);
                current++;
                RequireNoContinuation(parentIndent);
                return new ScalarNode(quoted, isPlain: false);
            case '|':
            case '>':
                return ReadBlockScalar(at, end, parentIndent);
            case '[':
            case '{':
                var position = at;
                var flow = ReadFlow(ref position, end, depth);
                RequireEndOfLine(position, end);
                current++;
                RequireNoContinuation(parentIndent);
                return flow;
            default:
                var plain = ReadPlain(at, end, inFlow: false);
                current++;
                RequireNoContinuation(parentIndent);
                return new ScalarNode(plain, isPlain: true);
        }
    }

    private ScalarNode ReadKey(int at, int colon)
    {
        var c = text[at];
        if (c is '"' or '\'')
        {
            var (value, after) = c == '"' ? ReadDoubleQuoted(at, colon + 1) : ReadSingleQuoted(at, colon + 1);
            if (after != colon)
            {
                GiveUp();
            }

            return new ScalarNode(value, isPlain: false);
        }

        var key = text.AsSpan(at, colon - at).TrimEnd(' ');
        // ' *', ' &' or ' !' inside a plain key: YamlDotNet reads such lines apart from go-yaml, and then decides.
        if (key.IsEmpty || !IsPlainStart(key, inFlow: false) || key.Contains(" #", StringComparison.Ordinal) || key.Contains('\t')
            || key.Contains(" *", StringComparison.Ordinal) || key.Contains(" &", StringComparison.Ordinal) || key.Contains(" !", StringComparison.Ordinal))
        {
            GiveUp();
        }

        return new ScalarNode(key.ToString(), isPlain: true);
    }

    private string ReadPlain(int at, int end, bool inFlow)
    {
        var stop = inFlow ? FlowPlainEnd(at, end) : BlockPlainEnd(at, end);
        var value = text.AsSpan(at, stop - at).TrimEnd(" \t");
        if (value.IsEmpty || !IsPlainStart(value, inFlow))
        {
            GiveUp();
        }

        return value.ToString();
    }

    /// <summary>
    /// Where a block plain scalar in [at, end) ends: at a comment, else at the line's end. Only ':' and '#' can
    /// end or break it here, so the scan jumps between those (vectorised) instead of testing every character:
    /// values are mostly long base64 and PEM runs.
    /// </summary>
    private int BlockPlainEnd(int at, int end)
    {
        var stop = end;
        var i = at;
        while (i < end)
        {
            var found = text.AsSpan(i, end - i).IndexOfAny(':', '#');
            if (found < 0)
            {
                break;
            }

            i += found;
            if (text[i] == '#' && i > at && text[i - 1] is ' ' or '\t')
            {
                stop = i;
                break;
            }

            if (text[i] == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t'))
            {
                GiveUp(); // "a: b" as a value is a nested mapping on one line: an error
            }

            i++;
        }

        if (ScalarStyleRules.ContainsNonPlain(text.AsSpan(at, stop - at)))
        {
            GiveUp(); // a tab or an escapable character: left to YamlDotNet, which knows every rule for them
        }

        return stop;
    }

    /// <summary>
    /// Where a plain scalar inside a flow collection in [at, end) ends: at the first indicator (',', '[', ']', '{',
    /// '}', ':') or comment. It is checked for tabs and escapable characters as a block one is.
    /// </summary>
    private int FlowPlainEnd(int at, int end)
    {
        var stop = end;
        for (var i = at; i < end; i++)
        {
            var c = text[i];
            if ((c == '#' && i > at && text[i - 1] is ' ' or '\t') || c is ',' or '[' or ']' or '{' or '}' or ':')
            {
                stop = i;
                break;
            }
        }

        if (ScalarStyleRules.ContainsNonPlain(text.AsSpan(at, stop - at)))
        {
            GiveUp(); // a tab or an escapable character: left to YamlDotNet, which knows every rule for them
        }

        return stop;
    }

    private static bool IsPlainStart(ReadOnlySpan<char> value, bool inFlow)
    {
        var c = value[0];
        if ("&*!|>'\"%@`#,[]{}?:".Contains(c, StringComparison.Ordinal))
        {
            return false;
        }

        if (c == '-' && (value.Length == 1 || value[1] is ' ' or '\t' || value.StartsWith("---")))
        {
            return false;
        }

        return !inFlow || !value.Contains(':');
    }

    private (string Value, int After) ReadSingleQuoted(int at, int end)
    {
        var builder = new StringBuilder();
        for (var i = at + 1; i < end; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                if (i + 1 < end && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i++;
                    continue;
                }

                return (builder.ToString(), i + 1);
            }

            if (c is '\u0085' || ScalarStyleRules.NeedsEscape(c))
            {
                GiveUp();
            }

            builder.Append(c);
        }

        GiveUp(); // runs onto the next line
        return default;
    }

    private (string Value, int After) ReadDoubleQuoted(int at, int end)
    {
        var builder = new StringBuilder();
        for (var i = at + 1; i < end; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return (builder.ToString(), i + 1);
            }

            if (c is '\u0085' || ScalarStyleRules.NeedsEscape(c))
            {
                GiveUp();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (++i >= end)
            {
                GiveUp();
            }

            var escape = text[i];
            switch (escape)
            {
                case '0': builder.Append('\0'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 't': case '\t': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'v': builder.Append('\v'); break;
                case 'f': builder.Append('\f'); break;
                case 'r': builder.Append('\r'); break;
                case 'e': builder.Append('\x1B'); break;
                case ' ': builder.Append(' '); break;
                case '"': builder.Append('"'); break;
                case '/': builder.Append('/'); break;
                case '\\': builder.Append('\\'); break;
                case 'N': builder.Append('\u0085'); break;
                case '_': builder.Append('\u00A0'); break;
                case 'L': builder.Append('\u2028'); break;
                case 'P': builder.Append('\u2029'); break;
                case 'x': i = AppendCodePoint(builder, i, 2, end); break;
                case 'u': i = AppendCodePoint(builder, i, 4, end); break;
                case 'U': i = AppendCodePoint(builder, i, 8, end); break;
                default: GiveUp(); break;
            }
        }

        GiveUp();
        return default;
    }

    private int AppendCodePoint(StringBuilder builder, int at, int digits, int end)
    {
        var code = -1;
        if (at + digits >= end
            || !int.TryParse(text.AsSpan(at + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            GiveUp();
        }

        builder.Append(char.ConvertFromUtf32(code));
        return at + digits;
    }

    private Node ReadFlow(ref int position, int end, int depth)
    {
        CheckDepth(depth);
        var open = text[position];
        var close = open == '[' ? ']' : '}';
        position++;
        var items = new List<Node>();
        var entries = new List<KeyValuePair<Node, Node>>();
        HashSet<string>? keys = null;
        while (true)
        {
            position = SkipSpaces(position, end);
            if (position >= end)
            {
                GiveUp(); // continues on the next line
            }

            if (text[position] == close)
            {
                position++;
                return open == '[' ? new SequenceNode(items) : new MappingNode(entries);
            }

            var item = ReadFlowScalarOrCollection(ref position, end, depth + 1);
            position = SkipSpaces(position, end);
            if (open == '{')
            {
                // "b:," or "b:}": go-yaml reads the key "b:", YamlDotNet the key "b"; left to YamlDotNet, which is then refused.
                if (item is not ScalarNode key || position + 1 >= end || text[position] != ':'
                    || text[position + 1] is not ' ' || !IsNewKey(entries, key.Value, ref keys))
                {
                    GiveUp();
                    return null!;
                }

                position = SkipSpaces(position + 1, end);
                var value = position < end && text[position] is ',' or '}'
                    ? new ScalarNode("", isPlain: true)
                    : ReadFlowScalarOrCollection(ref position, end, depth + 1);
                entries.Add(new(key, value));
                position = SkipSpaces(position, end);
            }
            else
            {
                items.Add(item);
            }

            if (position < end && text[position] == ',')
            {
                position++;
            }
            else if (position >= end || text[position] != close)
            {
                GiveUp();
            }
        }
    }

    private Node ReadFlowScalarOrCollection(ref int position, int end, int depth)
    {
        if (position >= end)
        {
            GiveUp();
        }

        var c = text[position];
        if (c is '[' or '{')
        {
            return ReadFlow(ref position, end, depth);
        }

        if (c is '"' or '\'')
        {
            var (value, after) = c == '"' ? ReadDoubleQuoted(position, end) : ReadSingleQuoted(position, end);
            position = after;
            return new ScalarNode(value, isPlain: false);
        }

        var start = position;
        var plain = ReadPlain(start, end, inFlow: true);
        position = start + plain.Length;
        return new ScalarNode(plain, isPlain: true);
    }

    private Node ReadBlockScalar(int at, int end, int parentIndent)
    {
        var literal = text[at] == '|';
        var chomping = ' ';
        var explicitIndent = 0;
        var i = at + 1;
        for (; i < end && text[i] is '+' or '-' or (>= '1' and <= '9'); i++)
        {
            if (text[i] is '+' or '-')
            {
                chomping = chomping == ' ' ? text[i] : GiveUpWith(' ');
            }
            else
            {
                explicitIndent = explicitIndent == 0 ? text[i] - '0' : GiveUpWith(0);
            }
        }

        if (!IsBlankOrComment(i, end) || (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r'))
        {
            GiveUp();
        }

        current++;
        var contentIndent = explicitIndent > 0 ? parentIndent + explicitIndent : DetectIndent(parentIndent);
        var body = new List<string?>(); // null: an empty line
        while (current < lines.Count)
        {
            var line = lines[current];
            var isEmpty = IsWhitespaceOnly(line.Start, line.End);
            if (!isEmpty && line.Indent < contentIndent)
            {
                break;
            }

            if (isEmpty)
            {
                if (line.End - line.Start > contentIndent || text.AsSpan(line.Start, line.End - line.Start).Contains('\t'))
                {
                    GiveUp(); // white space beyond the indentation is content with its own rules
                }

                body.Add(null);
            }
            else
            {
                var content = text.AsSpan(line.Start + contentIndent, line.End - line.Start - contentIndent);
                if (ScalarStyleRules.ContainsEscaped(content))
                {
                    GiveUp();
                }

                body.Add(content.ToString());
            }

            current++;
        }

        if (current == lines.Count && !text.EndsWith('\n'))
        {
            GiveUp(); // the last line has no line break, which chomping must see: rare, left to YamlDotNet
        }

        return new ScalarNode(Chomp(literal ? Literal(body) : Folded(body), body, chomping), isPlain: false);
    }

    private int DetectIndent(int parentIndent)
    {
        var maxEmptyIndent = 0;
        for (var i = current; i < lines.Count; i++)
        {
            var line = lines[i];
            if (IsWhitespaceOnly(line.Start, line.End))
            {
                maxEmptyIndent = Math.Max(maxEmptyIndent, line.End - line.Start);
                continue;
            }

            if (line.Indent <= parentIndent || maxEmptyIndent > 0)
            {
                GiveUp(); // an empty block scalar, or leading empty lines deeper than the text: leave it to YamlDotNet
            }

            return line.Indent;
        }

        GiveUp();
        return 0;
    }

    private static string Literal(List<string?> body)
    {
        var builder = new StringBuilder();
        foreach (var line in body)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private string Folded(List<string?> body)
    {
        var builder = new StringBuilder();
        var previousWasText = false;
        var pendingBreaks = 0;
        foreach (var line in body)
        {
            if (line is null || line.Length == 0)
            {
                pendingBreaks++;
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                GiveUp(); // more-indented lines keep their breaks: YamlDotNet's folding rules apply
            }

            if (previousWasText)
            {
                builder.Append(pendingBreaks == 0 ? " " : new string('\n', pendingBreaks));
            }
            else
            {
                builder.Append('\n', pendingBreaks);
            }

            builder.Append(line);
            previousWasText = true;
            pendingBreaks = 0;
        }

        builder.Append('\n', pendingBreaks + (previousWasText ? 1 : 0));
        return builder.ToString();
    }

    private static string Chomp(string value, List<string?> body, char chomping)
    {
        if (body.TrueForAll(line => line is null))
        {
            return chomping == '+' ? value : "";
        }

        var trimmed = value.TrimEnd('\n');
        return chomping switch
        {
            '-' => trimmed,
            '+' => value,
            _ => trimmed + "\n",
        };
    }

    /// <summary>After a one-line value, a deeper line means a multi-line scalar or an error: not this reader's business.</summary>
    private void RequireNoContinuation(int parentIndent)
    {
        var probe = current;
        while (probe < lines.Count && IsWhitespaceOnly(lines[probe].Start, lines[probe].End))
        {
            probe++;
        }

        if (probe < lines.Count && lines[probe].Indent > parentIndent)
        {
            GiveUp();
        }
    }

    private void EndOfCollection(int indent)
    {
        if (current < lines.Count && lines[current].Indent > indent && !IsMarker(current, "..."))
        {
            GiveUp();
        }
    }

    private void RequireEndOfLine(int at, int end)
    {
        if (!IsBlankOrComment(at, end) || (at < end && text[at] is not (' ' or '\t' or '\r')))
        {
            GiveUp();
        }
    }

    private void SplitLines()
    {
        // YamlDotNet also stops at NUL; such text is left to it, as is text with line breaks other than LF.
        if (text.Contains('\0', StringComparison.Ordinal) || LineBreaks.HasOtherThanLf(text))
        {
            GiveUp();
        }

        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            if (newline < 0 && start == text.Length)
            {
                break;
            }

            if (start < contentEnd && text[start] == '\uFEFF')
            {
                GiveUp(); // a byte-order mark at a line's start: the readers skip it or not, the general one decides
            }

            var indent = 0;
            while (start + indent < contentEnd && text[start + indent] == ' ')
            {
                indent++;
            }

            if (start + indent < contentEnd && text[start + indent] == '\t')
            {
                GiveUp(); // a tab where indentation would be, even on a blank line: YAML's rules there are subtle
            }

            lines.Add(new Line(start, contentEnd, indent));
            if (newline < 0)
            {
                break;
            }

            start = newline + 1;
        }

        foreach (var line in lines)
        {
            if (line.End > line.Start && text[line.Start] == '%')
            {
                GiveUp();
            }
        }
    }

    private void SkipInsignificant()
    {
        while (current < lines.Count && (IsCommentLine(current) || IsWhitespaceOnly(lines[current].Start, lines[current].End)))
        {
            current++;
        }
    }

    private bool IsCommentLine(int index)
    {
        var line = lines[index];
        var at = SkipSpaces(line.Start, line.End);
        return at < line.End && text[at] == '#';
    }

    private bool IsMarker(int index, string marker)
    {
        var line = lines[index];
        return line.End - line.Start >= 3 && string.CompareOrdinal(text, line.Start, marker, 0, 3) == 0
            && (line.End - line.Start == 3 || text[line.Start + 3] is ' ' or '\t');
    }

    private bool IsSequenceEntry(int at, int end) =>
        at < end && text[at] == '-' && (at + 1 == end || text[at + 1] is ' ' or '\t');

    /// <summary>The ':' that ends a block mapping key starting at <paramref name="at"/>, or -1 when the line is no key.</summary>
    private int FindMappingColon(int at, int end)
    {
        var i = at;
        if (i < end && text[i] is '"' or '\'')
        {
            var quote = text[i];
            for (i++; i < end; i++)
            {
                if (text[i] == quote)
                {
                    if (quote == '\'' && i + 1 < end && text[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                if (quote == '"' && text[i] == '\\')
                {
                    i++;
                }
            }

            i = SkipSpaces(i + 1, end);
            return i < end && text[i] == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t' or '\r') ? i : -1;
        }

        if (i < end && text[i] is '[' or '{')
        {
            return -1;
        }

        for (; i < end; i++)
        {
            var c = text[i];
            if (c == '#' && i > at && text[i - 1] is ' ' or '\t')
            {
                return -1;
            }

            if (c == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t' or '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    private int SkipSpaces(int at, int end)
    {
        while (at < end && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    private bool IsBlankOrComment(int at, int end)
    {
        at = SkipSpaces(at, end);
        return at >= end || text[at] == '#' || (text[at] == '\r' && at + 1 == end);
    }

    private bool IsWhitespaceOnly(int start, int end) => text.AsSpan(start, end - start).Trim(" \t").IsEmpty;

    private void CheckDepth(int depth)
    {
        if (depth > maxDepth || ++nodes > MaxNodes)
        {
            GiveUp();
        }
    }

    // Beyond this the general reader's limits and messages apply.
    private const long MaxNodes = 1_000_000;

    /// <summary>
    /// Whether <paramref name="key"/> is not yet among the mapping's keys; the caller then adds it. Most mappings
    /// hold a handful of keys, for which a scan is cheaper than building a set; larger ones get the set.
    /// </summary>
    private static bool IsNewKey(List<KeyValuePair<Node, Node>> entries, string key, ref HashSet<string>? index)
    {
        if (index is null && entries.Count < 16)
        {
            foreach (var entry in entries)
            {
                if (((ScalarNode)entry.Key).Value == key)
                {
                    return false;
                }
            }

            return true;
        }

        if (index is null)
        {
            index = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                index.Add(((ScalarNode)entry.Key).Value);
            }
        }

        return index.Add(key);
    }

    private static void GiveUp() => throw new GiveUpException();

    private static T GiveUpWith<T>(T _) => throw new GiveUpException();

    private readonly record struct Line(int Start, int End, int Indent);

    private sealed class GiveUpException : Exception;
}
