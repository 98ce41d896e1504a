using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Writes documents in the one canonical form: block style, two-space indent, LF, every document opened by
/// <c>---</c>. The style of each scalar is derived from its value and type only, so the same tree always gives
/// the same bytes and reading the output back gives the same tree.
/// </summary>
internal sealed class CanonicalEmitter(TextWriter writer)
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    // An implicit key longer than this is not allowed by YAML; longer keys use the explicit '? ' form.
    private const int MaxImplicitKeyLength = 1000;

    // Written a run at a time: one Write per space was a visible part of emitting.
    private const string Spaces = "                                                                ";

    // Bounds the remembered keys, so a stream of ever-new keys (a ConfigMap's data) cannot grow memory.
    private const int MaxRememberedKeys = 512;

    private readonly Dictionary<string, string> plainKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> quotedKeys = new(StringComparer.Ordinal);

    public void WriteDocument(Node root, string? sourceComment)
    {
        switch (root)
        {
            case MappingNode { Count: > 0, Tag: null } mapping:
                WriteDocumentStart(sourceComment);
                WriteMappingBody(mapping, 0, firstLineIndented: true);
                break;
            case SequenceNode { Items.Count: > 0, Tag: null } sequence:
                WriteDocumentStart(sourceComment);
                WriteSequenceBody(sequence, 0, firstLineIndented: true);
                break;
            case ScalarNode { IsPlain: true, Tag: null, Value.Length: 0 }:
                // A document that is only an anchor (&a) is null: "---" alone would read back as no document.
                WriteDocumentStart(sourceComment);
                writer.Write(" ~\n"); // as a root '~' is written, so that a second pass changes nothing
                break;
            default:
                // Scalars, tagged and empty collections go on the line after '---' (Kubernetes' splitter refuses
                // anything after the marker), indented by the one space that follows an indicator.
                WriteDocumentStart(sourceComment);
                WriteValueAfterIndicator(root, RootIndent, compact: false);
                break;
        }
    }

    // The indentation of the '---' line's node, so that a root collection's body lands at column 0.
    private const int RootIndent = -2;

    /// <summary>Opens a document: <c>---</c> and the source comment.</summary>
    private void WriteDocumentStart(string? sourceComment)
    {
        writer.Write("---\n");
        if (sourceComment is not null)
        {
            writer.Write(sourceComment);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// One entry of a block mapping at <paramref name="indent"/> whose value is a string (the form
    /// <see cref="MappingNode.Add(string, string)"/> gives it), exactly as <see cref="WriteDocument"/> writes it inside a tree.
    /// </summary>
    internal void WriteEntry(int indent, string key, string value)
    {
        WriteKey(indent, key);
        WriteScalar(value, isPlain: false, resolved: false, indent + 2);
    }

    /// <summary><c>key:</c> and a line break: the entries of its block mapping, or a sequence's items, follow.</summary>
    internal void WriteCollectionStart(int indent, string key)
    {
        WriteKey(indent, key);
        writer.Write('\n');
    }

    /// <summary>Renders what <paramref name="write"/> writes, for a writer to reuse as canonical text.</summary>
    internal static string Render(Action<CanonicalEmitter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(new CanonicalEmitter(text));
        return text.ToString();
    }

    // The keys of WriteEntry are field names the writer chose, which are plain as they are (checked in debug builds).
    private void WriteKey(int indent, string key)
    {
        Debug.Assert(ScalarStyleRules.IsPlainSafe(key) && ScalarStyleRules.ResolvesToString(key), $"'{key}' is not a plain field name");
        Pad(indent);
        writer.Write(key);
        writer.Write(':');
    }

    private void WriteMappingBody(MappingNode mapping, int indent, bool firstLineIndented)
    {
        var first = true;
        foreach (var (key, value) in mapping.Entries)
        {
            if (!first || !firstLineIndented)
            {
                Pad(indent);
            }

            first = false;
            if (TryFormatImplicitKey(key, out var keyText))
            {
                writer.Write(keyText);
                writer.Write(':');
            }
            else
            {
                writer.Write('?');
                WriteValueAfterIndicator(key, indent, compact: true);
                Pad(indent);
                writer.Write(':');
            }

            WriteValueAfterIndicator(value, indent, compact: false);
        }
    }

    private void WriteSequenceBody(SequenceNode sequence, int indent, bool firstLineIndented)
    {
        var first = true;
        foreach (var item in sequence.Items)
        {
            if (!first || !firstLineIndented)
            {
                Pad(indent);
            }

            first = false;
            writer.Write('-');
            WriteValueAfterIndicator(item, indent, compact: true);
        }
    }

    /// <summary>
    /// Writes a node that follows an indicator (<c>key:</c>, <c>-</c>, <c>?</c>, <c>---</c>) on the same line,
    /// ending with a newline. <paramref name="indent"/> is the indentation of the indicator's line;
    /// <paramref name="compact"/> allows a collection to start on that line ("- key: v", "- - x").
    /// </summary>
    private void WriteValueAfterIndicator(Node node, int indent, bool compact)
    {
        var childIndent = indent + 2;
        var tag = FormatTag(node.Tag);
        if (tag is not null)
        {
            writer.Write(' ');
            writer.Write(tag);
        }

        switch (node)
        {
            case ScalarNode scalar:
                WriteScalar(scalar, childIndent);
                break;
            case MappingNode { Count: 0 }:
                writer.Write(" {}\n");
                break;
            case SequenceNode { Items.Count: 0 }:
                writer.Write(" []\n");
                break;
            case MappingNode mapping when tag is null && compact:
                writer.Write(' ');
                WriteMappingBody(mapping, childIndent, firstLineIndented: true);
                break;
            case SequenceNode sequence when tag is null && compact:
                writer.Write(' ');
                WriteSequenceBody(sequence, childIndent, firstLineIndented: true);
                break;
            case MappingNode mapping:
                writer.Write('\n');
                WriteMappingBody(mapping, childIndent, firstLineIndented: false);
                break;
            case SequenceNode sequence:
                writer.Write('\n');
                WriteSequenceBody(sequence, childIndent, firstLineIndented: false);
                break;
        }
    }

    private void WriteScalar(ScalarNode scalar, int childIndent) => WriteScalar(scalar.Value, scalar.IsPlain, scalar.IsPlain || scalar.Tag is not null, childIndent);

    /// <param name="resolved">The reader resolves the scalar's type itself (plain or tagged), so it may look like a number.</param>
    private void WriteScalar(string value, bool isPlain, bool resolved, int childIndent)
    {
        if (isPlain && value.Length == 0)
        {
            // An empty plain scalar is null; write nothing so that it stays exactly that.
            writer.Write('\n');
            return;
        }

        writer.Write(' ');
        switch (StyleOf(value, resolved, childIndent))
        {
            case CanonicalStyle.Plain:
                writer.Write(value);
                writer.Write('\n');
                break;
            case CanonicalStyle.Literal:
                WriteLiteral(value, childIndent);
                break;
            default:
                WriteDoubleQuoted(value);
                writer.Write('\n');
                break;
        }
    }

    /// <summary>The style a value that is not an empty plain scalar is written in, at <paramref name="childIndent"/> for a block's lines.</summary>
    internal static CanonicalStyle StyleOf(ReadOnlySpan<char> value, bool resolved, int childIndent) =>
        CanBePlain(value, resolved) ? CanonicalStyle.Plain
        : childIndent > 0 && ScalarStyleRules.IsLiteralSafe(value) ? CanonicalStyle.Literal
        : CanonicalStyle.DoubleQuoted;

    private static bool CanBePlain(ScalarNode scalar) => CanBePlain(scalar.Value, scalar.IsPlain || scalar.Tag is not null);

    private static bool CanBePlain(ReadOnlySpan<char> value, bool resolved) =>
        ScalarStyleRules.IsPlainSafe(value) && (resolved || ScalarStyleRules.ResolvesToString(value));

    private void WriteLiteral(string value, int indent)
    {
        writer.Write('|');
        var firstContent = value.AsSpan().TrimStart('\n');
        if (firstContent.Length > 0 && firstContent[0] == ' ')
        {
            writer.Write('2');
        }

        if (!value.EndsWith('\n'))
        {
            writer.Write('-');
        }
        else if (value.EndsWith("\n\n", StringComparison.Ordinal))
        {
            writer.Write('+');
        }

        writer.Write('\n');
        // A literal-safe value holds no line break but '\n' (ScalarStyleRules.IsLiteralSafe), so splitting on it alone is exact.
        var rest = value.EndsWith('\n') ? value.AsSpan(0, value.Length - 1) : value.AsSpan();
        while (true)
        {
            var newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            if (!line.IsEmpty)
            {
                Pad(indent);
                writer.Write(line);
            }

            writer.Write('\n');
            if (newline < 0)
            {
                return;
            }

            rest = rest[(newline + 1)..];
        }
    }

    private bool TryFormatImplicitKey(Node key, out string text)
    {
        text = "";
        if (key is not ScalarNode scalar)
        {
            return false;
        }

        // Untagged keys are the same few dozen field names document after document: their form is worked out once.
        var known = scalar.Tag is null ? (scalar.IsPlain ? plainKeys : quotedKeys) : null;
        if (known is not null && known.TryGetValue(scalar.Value, out var remembered))
        {
            text = remembered;
            return true;
        }

        var fits = FormatImplicitKey(scalar, out text);
        if (fits && known is not null && known.Count < MaxRememberedKeys)
        {
            known[scalar.Value] = text;
        }

        return fits;
    }

    private bool FormatImplicitKey(ScalarNode scalar, out string text)
    {
        var tag = FormatTag(scalar.Tag);
        string body;
        if (scalar.IsPlain && scalar.Value.Length == 0)
        {
            body = "~";
        }
        else if (CanBePlain(scalar) && !ScalarStyleRules.HasBlankBeforeAliasOrAnchor(scalar.Value))
        {
            body = scalar.Value;
        }
        else
        {
            var builder = new StringWriter(CultureInfo.InvariantCulture);
            new CanonicalEmitter(builder).WriteDoubleQuoted(scalar.Value);
            body = builder.ToString();
        }

        text = tag is null ? body : tag + " " + body;
        return text.Length <= MaxImplicitKeyLength;
    }

    internal void WriteDoubleQuoted(string value)
    {
        writer.Write('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = Escape(c);
            if (escape is null)
            {
                continue;
            }

            writer.Write(value.AsSpan(start, i - start));
            writer.Write(escape);
            start = i + 1;
        }

        writer.Write(value.AsSpan(start));
        writer.Write('"');
    }

    private static string? Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\a' => "\\a",
        '\b' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\v' => "\\v",
        '\f' => "\\f",
        '\r' => "\\r",
        '\x1B' => "\\e",
        '\u0085' => "\\N",
        '\u2028' => "\\L",
        '\u2029' => "\\P",
        _ when ScalarStyleRules.NeedsEscape(c) => c <= '\xFF'
            ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)
            : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        _ => null,
    };

    private void Pad(int indent)
    {
        for (var left = indent; left > 0; left -= Spaces.Length)
        {
            writer.Write(Spaces.AsSpan(0, Math.Min(left, Spaces.Length)));
        }
    }

    private static string? FormatTag(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        if (tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
        {
            return "!!" + tag[YamlTagPrefix.Length..];
        }

        if (tag.StartsWith('!') && IsTagSafe(tag.AsSpan(1)))
        {
            return tag;
        }

        var escaped = new StringBuilder("!<");
        escaped.Append(tag).Append('>');
        return escaped.ToString();
    }

    private static bool IsTagSafe(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-_./:~%#;?@&=+$".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}
