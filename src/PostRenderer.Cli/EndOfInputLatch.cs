using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Cli;

/// <summary>
/// Keeps the end of input once it was seen. A terminal reports Ctrl-D as one read of 0 bytes and then waits for
/// more: a reader that looks again (the byte order mark check reads ahead, then the splitter reads on) would
/// need a second Ctrl-D. Pipes and files end for good, so for them nothing changes.
/// </summary>
internal sealed class EndOfInputLatch(Stream input) : ReadOnlyStream
{
    private bool ended;

    public override int Read(Span<byte> buffer)
    {
        if (ended || buffer.IsEmpty)
        {
            return 0;
        }

        var read = input.Read(buffer);
        ended = read == 0;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }
}
