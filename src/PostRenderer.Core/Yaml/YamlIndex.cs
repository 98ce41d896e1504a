using System.Runtime.CompilerServices;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// One reading of a document's UTF-8 bytes into a flat index of its nodes (<see cref="YamlEntry"/>), in the manner of
/// System.Text.Json's JsonDocument: one pass, byte ranges, no strings. Every fast path reads from it: the Secret path
/// (<see cref="Conversion.IndexedSecret"/>), and the tree that the canonical path converts (<see cref="IndexedTree"/>).
/// It takes the YAML that renderers emit: block mappings and sequences, single-line plain and quoted scalars, literal
/// and folded block scalars, single-line flow collections, comments. Anything else (anchors, aliases, tags,
/// directives, multi-line plain or quoted scalars, flow collections over several lines, complex keys, byte-order
/// marks, line breaks other than LF and CRLF, control characters, anything malformed) makes it decline, and the
/// document is read by YamlDotNet (<see cref="GeneralNodeReader"/>), which also reports every error. Differential
/// tests hold both to the same trees. One instance is reused from one document to the next.
/// </summary>
internal sealed class YamlIndex
{
    // Beyond this the general reader's limits and messages apply.
    internal const long MaxNodes = 1_000_000;

    private YamlEntry[] entries = new YamlEntry[64];
    private Line[] lines = new Line[64];

    public int Count { get; private set; }

    /// <summary>Whether the document holds a tab or a carriage return anywhere (the Secret path declines such text).</summary>
    public bool HasTabOrCarriageReturn { get; internal set; }

    /// <summary>Whether every byte of the document is printable ASCII or a line feed: then no scalar needs a closer look for other characters.</summary>
    public bool IsPrintableAscii { get; internal set; }

    public ref readonly YamlEntry this[int index] => ref entries[index];

    /// <summary>The root node's entry; valid once <see cref="TryBuild"/> returned true.</summary>
    public ref readonly YamlEntry Root => ref entries[0];

    /// <summary>Indexes <paramref name="utf8"/>; false when it is outside what this reader takes (the index is then empty).</summary>
    public bool TryBuild(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        try
        {
            return TryBuildStrict(utf8, maxDepth);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // A gap in this reader must never fail a render: the general reader decides instead.
            Count = 0;
            return false;
        }
    }

    /// <summary>Like <see cref="TryBuild"/>, but lets this reader's own bugs surface (for the differential tests).</summary>
    internal bool TryBuildStrict(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        Count = 0;
        HasTabOrCarriageReturn = false;
        IsPrintableAscii = true;
        try
        {
            var builder = new YamlIndexBuilder(utf8, this, maxDepth);
            builder.IndexDocument();
            return true;
        }
        catch (YamlIndexBuilder.DeclineException)
        {
            Count = 0;
            return false;
        }
    }

    /// <summary>Adds an entry of these fields; returns its index.</summary>
    /// <remarks>
    /// Called for every node, and inlined: an entry built apart and copied in was written in small parts and read
    /// back whole, which stalled on every node (perf: most of Add's time); inlined, its fields go straight in.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Add(YamlEntryKind kind, YamlScalarStyle style, int start, int length, int end, int count, int blockIndent, byte chomping, YamlEntryFlags flags)
    {
        var at = Count;
        var all = entries;
        if ((uint)at >= (uint)all.Length)
        {
            all = Grow();
        }

        all[at] = new YamlEntry(kind, style, start, length, end, count, blockIndent, chomping, flags);
        Count = at + 1;
        return at;
    }

    private YamlEntry[] Grow()
    {
        Array.Resize(ref entries, entries.Length * 2);
        return entries;
    }

    internal void Complete(int index, int count) => entries[index] = entries[index] with { End = Count, Count = count };

    /// <summary>The line table, grown (keeping what it holds) to at least <paramref name="atLeast"/> lines.</summary>
    internal Line[] Lines(int atLeast)
    {
        if (lines.Length < atLeast)
        {
            Array.Resize(ref lines, Math.Max(atLeast, lines.Length * 2));
        }

        return lines;
    }

    /// <summary>One line of the document: where it starts, where its content ends (before CR LF or LF), its indentation.</summary>
    internal readonly record struct Line(int Start, int End, int Indent);
}
