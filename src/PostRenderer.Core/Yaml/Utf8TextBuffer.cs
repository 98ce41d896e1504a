using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// A growable block of UTF-8 text that a document is written into before it is known to be complete, reused
/// from one document to the next. Leaner than <see cref="System.Buffers.ArrayBufferWriter{T}"/> for the many
/// short writes of a document (bench/history.md, eighth round).
/// </summary>
internal sealed class Utf8TextBuffer
{
    private byte[] bytes = new byte[4096];
    private int length;

    public ReadOnlySpan<byte> Written => bytes.AsSpan(0, length);

    public void Clear() => length = 0;

    public void Write(ReadOnlySpan<byte> text)
    {
        if (text.Length > bytes.Length - length)
        {
            Grow(text.Length);
        }

        text.CopyTo(bytes.AsSpan(length));
        length += text.Length;
    }

    /// <summary>Text encoded as UTF-8.</summary>
    public void Write(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > bytes.Length - length)
        {
            Grow(most);
        }

        length += Encoding.UTF8.GetBytes(text, bytes.AsSpan(length));
    }

    public void Write(byte text)
    {
        if (length == bytes.Length)
        {
            Grow(1);
        }

        bytes[length++] = text;
    }

    // Out of the writes' way: they only test for room, a document's first few writes aside.
    private void Grow(int size) => Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + size));
}
