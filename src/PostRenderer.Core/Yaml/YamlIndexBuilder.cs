namespace PostRenderer.Core.Yaml;

/// <summary>
/// The one pass that fills a <see cref="YamlIndex"/>: the document's lines are found once, then read as block
/// collections, scalars and single-line flow collections, each node an entry. Whatever it does not take it declines
/// by throwing <see cref="DeclineException"/>, which <see cref="YamlIndex.TryBuild"/> turns into false.
/// </summary>
internal ref struct YamlIndexBuilder
{
    private readonly ReadOnlySpan<byte> text;
    private readonly YamlIndex index;
    private readonly int maxDepth;
    private YamlIndex.Line[] lines;
    private int lineCount;
    private int current;
    private long nodes;

    public YamlIndexBuilder(ReadOnlySpan<byte> text, YamlIndex index, int maxDepth)
    {
        this.text = text;
        this.index = index;
        this.maxDepth = maxDepth;
        lines = [];
    }

    public void IndexDocument()
    {
        SplitLines();
        current = 0;
        SkipInsignificant();
        if (current < lineCount && IsMarker(current, "---"u8))
        {
            if (!IsBlankOrComment(lines[current].Start + 3, lines[current].End))
            {
                Decline();
            }

            current++;
            SkipInsignificant();
        }

        if (current >= lineCount || IsMarker(current, "..."u8))
        {
            Decline(); // empty documents are rare; YamlDotNet knows their exact shape
        }

        ReadBlockNode(lines[current].Indent, depth: 1);
        SkipInsignificant();
        if (current < lineCount && IsMarker(current, "..."u8))
        {
            if (!IsBlankOrComment(lines[current].Start + 3, lines[current].End))
            {
                Decline(); // "... v": text after the end marker; YamlDotNet decides
            }

            current++;
            SkipInsignificant();
        }

        if (current < lineCount)
        {
            Decline();
        }
    }

    private void ReadBlockNode(int indent, int depth)
    {
        CheckDepth(depth);
        var line = lines[current];
        if (line.Indent != indent)
        {
            Decline();
        }

        if (IsSequenceEntry(line.Start + indent, line.End))
        {
            ReadSequence(indent, depth);
        }
        else
        {
            ReadMapping(indent, line.Start + indent, depth);
        }
    }

    private void ReadSequence(int indent, int depth)
    {
        var sequence = index.Add(YamlEntryKind.Sequence, YamlScalarStyle.None, lines[current].Start + indent, 0, 0, 0, 0, 0, YamlEntryFlags.None);
        var items = 0;
        while (current < lineCount && lines[current].Indent == indent && IsSequenceEntry(lines[current].Start + indent, lines[current].End))
        {
            var line = lines[current];
            var contentAt = SkipSpaces(line.Start + indent + 1, line.End);
            if (IsBlankOrComment(contentAt, line.End))
            {
                current++;
                ReadNestedValue(indent, allowSameIndentSequence: false, depth + 1);
            }
            else if (IsSequenceEntry(contentAt, line.End))
            {
                Decline(); // "- - x": compact nested sequences are rare
            }
            else if (FindMappingColon(contentAt, line.End) >= 0)
            {
                ReadMapping(contentAt - line.Start, contentAt, depth + 1);
            }
            else
            {
                ReadInlineValue(contentAt, line.End, indent, depth + 1);
            }

            items++;
            SkipInsignificant();
        }

        if (current < lineCount && lines[current].Indent > indent && !IsMarker(current, "..."u8))
        {
            Decline();
        }

        index.Complete(sequence, items);
    }

    private void ReadMapping(int indent, int firstKeyAt, int depth)
    {
        CheckDepth(depth);
        var mapping = index.Add(YamlEntryKind.Mapping, YamlScalarStyle.None, firstKeyAt, 0, 0, 0, 0, 0, YamlEntryFlags.None);
        var pairs = 0;
        var keys = new KeySet(mapping);
        var keyAt = firstKeyAt;
        while (true)
        {
            var line = lines[current];
            var colon = FindMappingColon(keyAt, line.End);
            if (colon < 0)
            {
                Decline();
            }

            var key = ReadKey(keyAt, colon);
            keys.Add(key, text, index); // a duplicate key declines: the general reader reports it
            var valueAt = SkipSpaces(colon + 1, line.End);
            if (IsBlankOrComment(valueAt, line.End))
            {
                current++;
                ReadNestedValue(indent, allowSameIndentSequence: true, depth + 1);
            }
            else
            {
                ReadInlineValue(valueAt, line.End, indent, depth + 1);
            }

            pairs++;
            SkipInsignificant();
            if (current >= lineCount || lines[current].Indent < indent || IsMarker(current, "..."u8))
            {
                break;
            }

            var next = lines[current];
            if (next.Indent > indent || IsSequenceEntry(next.Start + indent, next.End))
            {
                Decline(); // a deeper line or a '-' among the keys is malformed: the general reader explains it
            }

            keyAt = next.Start + indent;
        }

        index.Complete(mapping, pairs);
    }

    /// <summary>The value of "key:" or "-" with nothing after it on the line: a deeper block, a same-indentation sequence, or empty.</summary>
    private void ReadNestedValue(int parentIndent, bool allowSameIndentSequence, int depth)
    {
        SkipInsignificant();
        if (current < lineCount && !IsMarker(current, "..."u8) && !IsMarker(current, "---"u8))
        {
            var line = lines[current];
            if (line.Indent > parentIndent)
            {
                ReadBlockNode(line.Indent, depth);
                return;
            }

            if (allowSameIndentSequence && line.Indent == parentIndent && IsSequenceEntry(line.Start + parentIndent, line.End))
            {
                ReadSequence(parentIndent, depth);
                return;
            }
        }

        AddScalar(YamlScalarStyle.Empty, current < lineCount ? lines[current].Start : text.Length, 0, YamlEntryFlags.None);
    }

    /// <summary>A value that starts on the current line at <paramref name="at"/>; advances past every line it uses.</summary>
    private void ReadInlineValue(int at, int end, int parentIndent, int depth)
    {
        CheckDepth(depth);
        switch (text[at])
        {
            case (byte)'"':
            case (byte)'\'':
                RequireEndOfLine(ReadQuoted(at, end), end);
                current++;
                RequireNoContinuation(parentIndent);
                return;
            case (byte)'|':
            case (byte)'>':
                ReadBlockScalar(at, end, parentIndent);
                return;
            case (byte)'[':
            case (byte)'{':
                var position = at;
                ReadFlow(ref position, end, depth);
                RequireEndOfLine(position, end);
                current++;
                RequireNoContinuation(parentIndent);
                return;
            default:
                ReadPlain(at, end, inFlow: false);
                current++;
                RequireNoContinuation(parentIndent);
                return;
        }
    }

    /// <summary>A key ending at <paramref name="colon"/>; returns its entry.</summary>
    private int ReadKey(int at, int colon)
    {
        if (text[at] is (byte)'"' or (byte)'\'')
        {
            if (ReadQuoted(at, colon + 1) != colon)
            {
                Decline();
            }

            return index.Count - 1;
        }

        var key = text[at..colon].TrimEnd((byte)' ');
        // ' *', ' &' or ' !' inside a plain key: YamlDotNet reads such lines apart from go-yaml, and then decides.
        if (key.IsEmpty || !IsPlainStart(key, inFlow: false) || (key.IndexOfAny((byte)' ', (byte)'\t') >= 0
            && (key.IndexOf(" #"u8) >= 0 || key.IndexOf((byte)'\t') >= 0 || key.IndexOf(" *"u8) >= 0 || key.IndexOf(" &"u8) >= 0 || key.IndexOf(" !"u8) >= 0)))
        {
            Decline();
        }

        return AddScalar(YamlScalarStyle.Plain, at, key.Length, YamlEntryFlags.None);
    }

    /// <summary>A plain scalar at <paramref name="at"/>; returns where its text (without trailing blanks) ends.</summary>
    private int ReadPlain(int at, int end, bool inFlow)
    {
        var stop = inFlow ? FlowPlainEnd(at, end) : BlockPlainEnd(at, end);
        while (stop > at && text[stop - 1] is (byte)' ' or (byte)'\t')
        {
            stop--;
        }

        var value = text[at..stop];
        if (value.IsEmpty || !IsPlainStart(value, inFlow))
        {
            Decline();
        }

        AddScalar(YamlScalarStyle.Plain, at, value.Length, YamlEntryFlags.None);
        return at + value.Length;
    }

    /// <summary>
    /// Where a block plain scalar in [at, end) ends: at a comment, else at the line's end. Only ':' and '#' can
    /// end or break it here, so the scan jumps between those (vectorised): values are mostly long base64 and PEM runs.
    /// </summary>
    private readonly int BlockPlainEnd(int at, int end)
    {
        var stop = end;
        var i = at;
        while (i < end)
        {
            var found = text[i..end].IndexOfAny((byte)':', (byte)'#');
            if (found < 0)
            {
                break;
            }

            i += found;
            if (text[i] == '#' && i > at && text[i - 1] is (byte)' ' or (byte)'\t')
            {
                stop = i;
                break;
            }

            if (text[i] == ':' && (i + 1 == end || text[i + 1] is (byte)' ' or (byte)'\t'))
            {
                Decline(); // "a: b" as a value is a nested mapping on one line: an error
            }

            i++;
        }

        if (!index.IsPrintableAscii && Utf8Characters.ContainsNonPlain(text[at..stop]))
        {
            Decline(); // a tab or an escapable character: left to YamlDotNet, which knows every rule for them
        }

        return stop;
    }

    /// <summary>Where a plain scalar inside a flow collection in [at, end) ends: at the first indicator or comment.</summary>
    private readonly int FlowPlainEnd(int at, int end)
    {
        var stop = end;
        for (var i = at; i < end; i++)
        {
            var c = text[i];
            if ((c == '#' && i > at && text[i - 1] is (byte)' ' or (byte)'\t') || c is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)':')
            {
                stop = i;
                break;
            }
        }

        if (!index.IsPrintableAscii && Utf8Characters.ContainsNonPlain(text[at..stop]))
        {
            Decline();
        }

        return stop;
    }

    private static bool IsPlainStart(ReadOnlySpan<byte> value, bool inFlow)
    {
        var c = value[0];
        if (c is (byte)'&' or (byte)'*' or (byte)'!' or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`'
            or (byte)'#' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'?' or (byte)':')
        {
            return false;
        }

        if (c == '-' && (value.Length == 1 || value[1] is (byte)' ' or (byte)'\t' || value.StartsWith("---"u8)))
        {
            return false;
        }

        return !inFlow || value.IndexOf((byte)':') < 0;
    }

    /// <summary>A quoted scalar on one line at <paramref name="at"/>, before <paramref name="end"/>; returns where it ends (after the quote).</summary>
    private int ReadQuoted(int at, int end)
    {
        var (contentEnd, escapes) = text[at] == '"' ? ScanDoubleQuoted(at, end) : ScanSingleQuoted(at, end);
        if (!index.IsPrintableAscii && Utf8Characters.ContainsEscaped(text[(at + 1)..contentEnd]))
        {
            Decline(); // a control or other escapable character written as itself: YamlDotNet decides
        }

        AddScalar(text[at] == '"' ? YamlScalarStyle.DoubleQuoted : YamlScalarStyle.SingleQuoted, at + 1, contentEnd - at - 1, escapes ? YamlEntryFlags.Escapes : YamlEntryFlags.None);
        return contentEnd + 1;
    }

    private readonly (int ContentEnd, bool Escapes) ScanSingleQuoted(int at, int end)
    {
        var escapes = false;
        for (var i = at + 1; i < end; i++)
        {
            if (text[i] != '\'')
            {
                continue;
            }

            if (i + 1 < end && text[i + 1] == '\'')
            {
                escapes = true;
                i++;
                continue;
            }

            return (i, escapes);
        }

        Decline(); // runs onto the next line
        return default;
    }

    private readonly (int ContentEnd, bool Escapes) ScanDoubleQuoted(int at, int end)
    {
        var escapes = false;
        for (var i = at + 1; i < end; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return (i, escapes);
            }

            if (c != '\\')
            {
                continue;
            }

            escapes = true;
            if (++i >= end)
            {
                Decline();
            }

            var digits = YamlEscapes.HexDigits(text[i]);
            if (digits < 0)
            {
                Decline();
            }

            if (digits > 0)
            {
                // The code point's digits, and the closing quote after them, must be on this line.
                if (i + digits >= end || !YamlEscapes.TryCodePoint(text.Slice(i + 1, digits), out _))
                {
                    Decline();
                }

                i += digits;
            }
        }

        Decline();
        return default;
    }

    private void ReadFlow(ref int position, int end, int depth)
    {
        CheckDepth(depth);
        var open = text[position];
        var isSequence = open == '[';
        var close = isSequence ? (byte)']' : (byte)'}';
        var collection = index.Add(isSequence ? YamlEntryKind.Sequence : YamlEntryKind.Mapping, YamlScalarStyle.None, position, 0, 0, 0, 0, 0, YamlEntryFlags.Flow);
        var keys = new KeySet(collection);
        var count = 0;
        position++;
        while (true)
        {
            position = SkipSpaces(position, end);
            if (position >= end)
            {
                Decline(); // continues on the next line
            }

            if (text[position] == close)
            {
                position++;
                index.Complete(collection, count);
                return;
            }

            var item = ReadFlowScalarOrCollection(ref position, end, depth + 1);
            position = SkipSpaces(position, end);
            if (!isSequence)
            {
                // "b:," or "b:}": go-yaml reads the key "b:", YamlDotNet the key "b"; left to YamlDotNet, which is then refused.
                if (!index[item].IsScalar || position + 1 >= end || text[position] != ':' || text[position + 1] is not (byte)' ')
                {
                    Decline();
                }

                keys.Add(item, text, index);
                position = SkipSpaces(position + 1, end);
                if (position < end && text[position] is (byte)',' or (byte)'}')
                {
                    AddScalar(YamlScalarStyle.Empty, position, 0, YamlEntryFlags.None);
                }
                else
                {
                    ReadFlowScalarOrCollection(ref position, end, depth + 1);
                }

                position = SkipSpaces(position, end);
            }

            count++;
            if (position < end && text[position] == ',')
            {
                position++;
            }
            else if (position >= end || text[position] != close)
            {
                Decline();
            }
        }
    }

    /// <summary>Returns the entry of what it read.</summary>
    private int ReadFlowScalarOrCollection(ref int position, int end, int depth)
    {
        if (position >= end)
        {
            Decline();
        }

        var first = index.Count;
        var c = text[position];
        if (c is (byte)'[' or (byte)'{')
        {
            ReadFlow(ref position, end, depth);
        }
        else if (c is (byte)'"' or (byte)'\'')
        {
            position = ReadQuoted(position, end);
        }
        else
        {
            position = ReadPlain(position, end, inFlow: true);
        }

        return first;
    }

    private void ReadBlockScalar(int at, int end, int parentIndent)
    {
        var literal = text[at] == '|';
        byte chomping = (byte)' ';
        var explicitIndent = 0;
        var i = at + 1;
        for (; i < end && text[i] is (byte)'+' or (byte)'-' or (>= (byte)'1' and <= (byte)'9'); i++)
        {
            if (text[i] is (byte)'+' or (byte)'-')
            {
                if (chomping != ' ')
                {
                    Decline();
                }

                chomping = text[i];
            }
            else
            {
                if (explicitIndent != 0)
                {
                    Decline();
                }

                explicitIndent = text[i] - '0';
            }
        }

        if (!IsBlankOrComment(i, end) || (i < end && text[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r')))
        {
            Decline();
        }

        current++;
        var contentIndent = explicitIndent > 0 ? parentIndent + explicitIndent : DetectIndent(parentIndent);
        var first = current;
        while (current < lineCount)
        {
            var line = lines[current];
            var isEmpty = IsBlank(line);
            if (!isEmpty && line.Indent < contentIndent)
            {
                break;
            }

            if (isEmpty)
            {
                if (line.End - line.Start > contentIndent)
                {
                    Decline(); // white space beyond the indentation is content with its own rules
                }
            }
            else if (!literal && text[line.Start + contentIndent] is (byte)' ' or (byte)'\t')
            {
                Decline(); // more-indented lines keep their breaks: YamlDotNet's folding rules apply
            }

            current++;
        }

        var start = first < lineCount ? lines[first].Start : text.Length;
        var bodyEnd = current > first ? lines[current - 1].End : start;

        // One look over the whole body (a CR of a CR LF counts, and declines: such text is rare).
        if (!index.IsPrintableAscii && Utf8Characters.ContainsEscaped(text[start..bodyEnd]))
        {
            Decline();
        }
        index.Add(
            YamlEntryKind.Scalar, literal ? YamlScalarStyle.Literal : YamlScalarStyle.Folded, start, bodyEnd - start, index.Count + 1, current - first, contentIndent, chomping, YamlEntryFlags.None);
    }

    private readonly int DetectIndent(int parentIndent)
    {
        var maxEmptyIndent = 0;
        for (var i = current; i < lineCount; i++)
        {
            var line = lines[i];
            if (IsBlank(line))
            {
                maxEmptyIndent = Math.Max(maxEmptyIndent, line.End - line.Start);
                continue;
            }

            if (line.Indent <= parentIndent || maxEmptyIndent > 0)
            {
                Decline(); // an empty block scalar, or leading empty lines deeper than the text: leave it to YamlDotNet
            }

            return line.Indent;
        }

        Decline();
        return 0;
    }

    /// <summary>After a one-line value, a deeper line means a multi-line scalar or an error: not this reader's business.</summary>
    private readonly void RequireNoContinuation(int parentIndent)
    {
        var probe = current;
        while (probe < lineCount && IsBlank(lines[probe]))
        {
            probe++;
        }

        if (probe < lineCount && lines[probe].Indent > parentIndent)
        {
            Decline();
        }
    }

    private readonly void RequireEndOfLine(int at, int end)
    {
        if (!IsBlankOrComment(at, end) || (at < end && text[at] is not ((byte)' ' or (byte)'\t' or (byte)'\r')))
        {
            Decline();
        }
    }

    private void SplitLines()
    {
        // One pass: the search for each line's end stops at every byte outside printable ASCII, and those are the
        // bytes that need a closer look anyway (most lines hold none but their line feed).
        lines = index.Lines(64);
        var start = 0;
        while (start < text.Length)
        {
            var spacesEnd = start;
            while (spacesEnd < text.Length && text[spacesEnd] == ' ')
            {
                spacesEnd++;
            }

            var end = LineEnd(spacesEnd);
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            var indent = spacesEnd - start;
            if (spacesEnd < contentEnd && text[spacesEnd] == '\t')
            {
                Decline(); // a tab where indentation would be, even on a blank line: YAML's rules there are subtle
            }

            if (start < contentEnd && text[start] == '%')
            {
                Decline(); // a directive
            }

            if (lineCount == lines.Length)
            {
                lines = index.Lines(lineCount * 2);
            }

            lines[lineCount++] = new YamlIndex.Line(start, contentEnd, indent);
            start = end + 1;
        }
    }

    /// <summary>
    /// Where the line that goes on at <paramref name="at"/> ends: its line feed, or the end of the text. YamlDotNet also
    /// stops at NUL; such text is left to it, as is text with line breaks other than LF or CR LF, or a byte-order mark
    /// anywhere (the readers skip one or not, the general one decides).
    /// </summary>
    private readonly int LineEnd(int at)
    {
        while (true)
        {
            var found = text[at..].IndexOfAnyExceptInRange((byte)' ', (byte)'~');
            if (found < 0)
            {
                return text.Length;
            }

            at += found;
            var rest = text[at..];
            if (rest[0] == '\n')
            {
                return at;
            }

            index.IsPrintableAscii = false;
            switch (rest[0])
            {
                case (byte)'\t':
                    index.HasTabOrCarriageReturn = true;
                    break;
                case (byte)'\r':
                    index.HasTabOrCarriageReturn = true;
                    if (rest.Length == 1 || rest[1] != '\n')
                    {
                        Decline();
                    }

                    break;
                case 0:
                    Decline();
                    break;
                case 0xC2 when rest.StartsWith("\u0085"u8):
                case 0xE2 when rest.StartsWith("\u2028"u8) || rest.StartsWith("\u2029"u8):
                case 0xEF when rest.StartsWith("\uFEFF"u8):
                    Decline();
                    break;
            }

            at++;
        }
    }

    private void SkipInsignificant()
    {
        while (current < lineCount && (IsBlank(lines[current]) || IsCommentLine(current)))
        {
            current++;
        }
    }

    private readonly bool IsCommentLine(int line) => text[lines[line].Start + lines[line].Indent] == '#';

    private readonly bool IsMarker(int line, ReadOnlySpan<byte> marker)
    {
        var (start, end, _) = lines[line];
        return end - start >= 3 && text[start] == marker[0] && text.Slice(start, 3).SequenceEqual(marker) && (end - start == 3 || text[start + 3] is (byte)' ' or (byte)'\t');
    }

    private readonly bool IsSequenceEntry(int at, int end) =>
        at < end && text[at] == '-' && (at + 1 == end || text[at + 1] is (byte)' ' or (byte)'\t');

    /// <summary>The ':' that ends a block mapping key starting at <paramref name="at"/>, or -1 when the line is no key.</summary>
    private readonly int FindMappingColon(int at, int end)
    {
        var i = at;
        if (i < end && text[i] is (byte)'"' or (byte)'\'')
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
            return i < end && text[i] == ':' && (i + 1 == end || text[i + 1] is (byte)' ' or (byte)'\t' or (byte)'\r') ? i : -1;
        }

        if (i < end && text[i] is (byte)'[' or (byte)'{')
        {
            return -1;
        }

        while (i < end)
        {
            // Only ':' and '#' can end a key or the line's content: jump between them.
            var found = text[i..end].IndexOfAny((byte)':', (byte)'#');
            if (found < 0)
            {
                return -1;
            }

            i += found;
            if (text[i] == '#' && i > at && text[i - 1] is (byte)' ' or (byte)'\t')
            {
                return -1;
            }

            if (text[i] == ':' && (i + 1 == end || text[i + 1] is (byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private readonly int SkipSpaces(int at, int end)
    {
        while (at < end && text[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    private readonly bool IsBlankOrComment(int at, int end)
    {
        at = SkipSpaces(at, end);
        return at >= end || text[at] == '#' || (text[at] == '\r' && at + 1 == end);
    }

    /// <summary>A line of spaces alone (or none): <see cref="SplitLines"/> has declined a tab where indentation would be.</summary>
    private static bool IsBlank(in YamlIndex.Line line) => line.Indent == line.End - line.Start;

    private int AddScalar(YamlScalarStyle style, int start, int length, YamlEntryFlags flags) =>
        index.Add(YamlEntryKind.Scalar, style, start, length, index.Count + 1, 0, 0, 0, flags);

    private void CheckDepth(int depth)
    {
        if (depth > maxDepth || ++nodes > YamlIndex.MaxNodes)
        {
            Decline();
        }
    }

    private static void Decline() => throw new DeclineException();

    internal sealed class DeclineException : Exception;

    /// <summary>
    /// A mapping's keys so far, to decline a duplicate (the general reader reports it). Keys are compared as bytes, so
    /// a key whose text differs from its bytes (an escape) is declined. Most mappings hold a handful of keys, for
    /// which a scan is cheaper than a set; larger ones get a set of hashes, where a collision declines too.
    /// </summary>
    private struct KeySet(int mapping)
    {
        private const int ScanLimit = 16;
        private HashSet<ulong>? hashes;
        private int count;

        public void Add(int key, ReadOnlySpan<byte> text, YamlIndex index)
        {
            ref readonly var entry = ref index[key];
            if (entry.HasEscapes)
            {
                Decline();
            }

            var bytes = entry.In(text);
            if (hashes is null && count < ScanLimit)
            {
                var at = mapping + 1;
                for (var i = 0; i < count; i++)
                {
                    if (index[at].In(text).SequenceEqual(bytes))
                    {
                        Decline();
                    }

                    at = index[at + 1].End;
                }
            }
            else
            {
                if (hashes is null)
                {
                    hashes = [];
                    var at = mapping + 1;
                    for (var i = 0; i < count; i++)
                    {
                        hashes.Add(Hash(index[at].In(text)));
                        at = index[at + 1].End;
                    }
                }

                if (!hashes.Add(Hash(bytes)))
                {
                    Decline();
                }
            }

            count++;
        }

        private static ulong Hash(ReadOnlySpan<byte> bytes) => System.IO.Hashing.XxHash3.HashToUInt64(bytes);
    }
}
