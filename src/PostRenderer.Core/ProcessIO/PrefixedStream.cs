namespace PostRenderer.Core.ProcessIO;

/// <summary>A read-only stream that gives back bytes already read from <paramref name="rest"/> before the rest of it.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream, IWaitingInput
{
    private ReadOnlyMemory<byte> prefix = prefix;

    /// <summary>The rest's, when it can tell; the prefix itself never waits.</summary>
    public Action? BeforeWait
    {
        get => (rest as IWaitingInput)?.BeforeWait;
        set
        {
            if (rest is IWaitingInput waiting)
            {
                waiting.BeforeWait = value;
            }
        }
    }

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
