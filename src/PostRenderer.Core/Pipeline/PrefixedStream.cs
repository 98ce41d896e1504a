namespace PostRenderer.Core.Pipeline;

/// <summary>A read-only stream that gives back bytes already read from <paramref name="rest"/> before the rest of it.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (prefix.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var length = Math.Min(prefix.Length, buffer.Length);
        prefix.Span[..length].CopyTo(buffer);
        prefix = prefix[length..];
        return length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
