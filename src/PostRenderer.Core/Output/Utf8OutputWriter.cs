using System.Buffers;
using System.Text;

namespace PostRenderer.Core.Output;

/// <summary>
/// A buffered UTF-8 text writer (no BOM, LF) that also takes bytes that are UTF-8 already, so that --preserve
/// copies a document from the input buffer to the output buffer without decoding and re-encoding it. ASCII text
/// is narrowed straight into the byte block; other text is gathered as characters and encoded a block at a time,
/// as <see cref="StreamWriter"/> does.
/// </summary>
public sealed class Utf8OutputWriter : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream stream;
    private readonly Encoder encoder = Utf8.GetEncoder();
    private readonly char[] chars;
    private readonly byte[] bytes;
    private int charCount;
    private int byteCount;
    private long bytesPassedOn;

    /// <param name="byteCapacity">Bytes gathered before each write to <paramref name="stream"/>; a quarter as many characters.</param>
    public Utf8OutputWriter(Stream stream, int byteCapacity = 64 * 1024)
    {
        this.stream = stream;
        // Not zeroed: only what was written into them is passed on, and a short render touches few of their pages.
        bytes = GC.AllocateUninitializedArray<byte>(byteCapacity);
        chars = GC.AllocateUninitializedArray<char>(byteCapacity / 4);
        NewLine = "\n";
    }

    public override Encoding Encoding => Utf8;

    /// <summary>How many bytes the text and bytes written so far make, whether or not they have reached the stream yet.</summary>
    public long BytesWritten
    {
        get
        {
            EncodeChars();
            return bytesPassedOn + byteCount;
        }
    }

    public override void Write(char value)
    {
        if (charCount == 0 && char.IsAscii(value) && byteCount < bytes.Length)
        {
            bytes[byteCount++] = (byte)value;
            return;
        }

        if (charCount == chars.Length)
        {
            EncodeChars();
        }

        chars[charCount++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        // ASCII (nearly all YAML) goes straight to bytes; other text waits in the character block for the encoder.
        if (charCount == 0 && buffer.Length <= bytes.Length - byteCount && Ascii.FromUtf16(buffer, bytes.AsSpan(byteCount), out var written) == OperationStatus.Done)
        {
            byteCount += written;
            return;
        }

        while (!buffer.IsEmpty)
        {
            if (charCount == chars.Length)
            {
                EncodeChars();
            }

            var length = Math.Min(buffer.Length, chars.Length - charCount);
            buffer[..length].CopyTo(chars.AsSpan(charCount));
            charCount += length;
            buffer = buffer[length..];
        }
    }

    /// <summary>Writes bytes that are UTF-8 already, after the text written before them.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        EncodeChars();
        if (utf8.Length > bytes.Length - byteCount)
        {
            WriteBytes();
            if (utf8.Length >= bytes.Length)
            {
                stream.Write(utf8);
                bytesPassedOn += utf8.Length;
                return;
            }
        }

        utf8.CopyTo(bytes.AsSpan(byteCount));
        byteCount += utf8.Length;
    }

    public override void Flush()
    {
        EncodeChars();
        WriteBytes();
        stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                Flush();
            }
            finally
            {
                stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void EncodeChars()
    {
        if (charCount == 0)
        {
            return;
        }

        if (bytes.Length - byteCount < Utf8.GetMaxByteCount(charCount))
        {
            WriteBytes();
        }

        // Not flushed: a surrogate pair split between two blocks is completed by the next one.
        byteCount += encoder.GetBytes(chars.AsSpan(0, charCount), bytes.AsSpan(byteCount), flush: false);
        charCount = 0;
    }

    private void WriteBytes()
    {
        if (byteCount > 0)
        {
            stream.Write(bytes, 0, byteCount);
            bytesPassedOn += byteCount;
            byteCount = 0;
        }
    }
}
