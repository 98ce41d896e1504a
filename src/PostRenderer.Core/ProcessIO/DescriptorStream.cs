using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.ProcessIO;

/// <summary>
/// One of the standard descriptors the process inherited (0, 1 or 2), read and written with read(2) and write(2).
/// <para>
/// System.Console does the same, but its first use costs about 5 ms of a 55 ms start (bench/history.md). A
/// FileStream is no substitute: on a regular file it writes with pwrite at an offset of its own, so with
/// <c>&gt; out 2&gt;&amp;1</c> stdout and stderr would overwrite each other instead of sharing the file's offset.
/// </para>
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class DescriptorStream(int descriptor, FileAccess access, string name) : Stream, IWaitingInput
{
    public Action? BeforeWait { get; set; }

    private bool failed;

    /// <summary>
    /// Drop write failures instead of throwing, for stderr: a message that cannot be shown must not fail a render
    /// whose outcome the exit code already carries.
    /// </summary>
    public bool DiscardFailures { get; init; }

    public override bool CanRead => access == FileAccess.Read;

    public override bool CanWrite => access == FileAccess.Write;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        if (!CanRead)
        {
            throw new NotSupportedException();
        }

        if (BeforeWait is { } beforeWait && !HasInputReady())
        {
            beforeWait();
        }

        while (!buffer.IsEmpty)
        {
            nint read;
            fixed (byte* bytes = buffer)
            {
                read = UnixSystemCalls.Read(descriptor, bytes, buffer.Length);
            }

            if (read >= 0)
            {
                return (int)read;
            }

            ThrowUnlessRetryable(Marshal.GetLastPInvokeError(), UnixSystemCalls.PollIn, "read");
        }

        return 0;
    }

    // poll(2) without waiting: data or end of input is there (a read would not wait), or a read would wait.
    private unsafe bool HasInputReady()
    {
        var poll = new UnixSystemCalls.PollDescriptor { Descriptor = descriptor, Events = UnixSystemCalls.PollIn };
        return UnixSystemCalls.Poll(&poll, 1, 0) != 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CanWrite)
        {
            throw new NotSupportedException();
        }

        while (!buffer.IsEmpty && !failed)
        {
            nint written;
            fixed (byte* bytes = buffer)
            {
                written = UnixSystemCalls.Write(descriptor, bytes, buffer.Length);
            }

            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            try
            {
                ThrowUnlessRetryable(error, UnixSystemCalls.PollOut, "write");
            }
            catch (StandardStreamException) when (DiscardFailures)
            {
                // Dropped: ThrowUnlessRetryable has already marked the stream failed, which ends this loop.
            }
        }
    }

    // Every byte goes straight to write(2); buffering is the caller's StreamWriter's.
    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Returns when the call should be made again; throws when it failed for good.</summary>
    private unsafe void ThrowUnlessRetryable(int error, short readiness, string operation)
    {
        if (error == UnixSystemCalls.Interrupted)
        {
            return;
        }

        if (error == UnixSystemCalls.WouldBlock)
        {
            var wait = new UnixSystemCalls.PollDescriptor { Descriptor = descriptor, Events = readiness };
            _ = UnixSystemCalls.Poll(&wait, 1, Timeout.Infinite);
            return;
        }

        // Later writes are dropped: the failure is reported once, and flushing on the way out must not report it again.
        failed = true;
        var problem = error == UnixSystemCalls.BrokenPipe
            ? "the program reading it has exited (broken pipe)"
            : Marshal.GetPInvokeErrorMessage(error);
        throw new StandardStreamException($"cannot {operation} {name}: {problem}");
    }
}
