namespace PostRenderer.Core.Yaml;

/// <summary>
/// One node of a <see cref="YamlIndex"/>, in document order: a mapping is followed by its keys and values in turn, a
/// sequence by its items, each with its own subtree. Places are byte offsets into the document's UTF-8 text.
/// </summary>
/// <param name="Start">A scalar's first byte (inside quotes); a block scalar's first body line; a collection's first byte.</param>
/// <param name="Length">The bytes from <paramref name="Start"/>: a plain scalar without trailing blanks or comment,
/// a quoted one without its quotes, a block scalar up to the end of its last body line (without its line break).</param>
/// <param name="End">The index of the first entry after this one's subtree.</param>
/// <param name="Count">Pairs of a mapping, items of a sequence, body lines of a block scalar.</param>
/// <param name="BlockIndent">A block scalar's content indentation.</param>
/// <param name="Chomping">A block scalar's chomping indicator: '-', '+', or ' ' for clip.</param>
internal readonly record struct YamlEntry(
    YamlEntryKind Kind, YamlScalarStyle Style, int Start, int Length, int End, int Count, int BlockIndent, byte Chomping, YamlEntryFlags Flags)
{
    public bool IsScalar => Kind == YamlEntryKind.Scalar;

    /// <summary>A plain scalar, or the empty value of <c>key:</c> with nothing after it: the consumer resolves its type.</summary>
    public bool IsPlain => Style is YamlScalarStyle.Plain or YamlScalarStyle.Empty;

    public bool HasEscapes => (Flags & YamlEntryFlags.Escapes) != 0;

    public ReadOnlySpan<byte> In(ReadOnlySpan<byte> utf8) => utf8.Slice(Start, Length);
}

internal enum YamlEntryKind : byte
{
    Scalar,
    Mapping,
    Sequence,
}

internal enum YamlScalarStyle : byte
{
    /// <summary>Not a scalar.</summary>
    None,

    Plain,

    /// <summary>No text at all (<c>key:</c> or <c>-</c> with nothing after it): a plain empty scalar.</summary>
    Empty,

    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

[Flags]
internal enum YamlEntryFlags : byte
{
    None = 0,

    /// <summary>A double-quoted scalar with a backslash escape, or a single-quoted one with a doubled quote: its text differs from its bytes.</summary>
    Escapes = 1,

    /// <summary>A collection written in flow style (<c>[...]</c>, <c>{...}</c>).</summary>
    Flow = 2,
}
