using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// The strings of short ASCII scalars, kept from one document to the next: rendered manifests repeat the same keys
/// and many of the same values (<c>apiVersion</c>, <c>name</c>, <c>containerPort</c>, <c>TCP</c>) in every document,
/// and a fresh string for each was a third of what the canonical path allocated. One slot per hash, the newest
/// string wins it, so the cache never grows. Not thread-safe: each reader has its own.
/// </summary>
internal sealed class ShortStringCache
{
    /// <summary>Longer scalars are rarely repeated and cost more to compare than to decode.</summary>
    public const int MaxLength = 32;

    private const int Slots = 1024;

    private readonly string?[] slots = new string?[Slots];

    /// <summary>The text of <paramref name="utf8"/>: the cached string when it holds the same ASCII text, else a new one.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref slots[Hash(utf8) & (Slots - 1)];
        if (slot is { } cached && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (Ascii.IsValid(utf8))
        {
            slot = text;
        }

        return text;
    }

    // FNV-1a: a few dozen bytes at most, and a collision costs only a fresh string.
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash ^ (hash >> 15);
    }
}
