using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Tests.ProcessIO;

/// <summary>The standard descriptors as streams, over real pipes and files (these tests run on Linux).</summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class DescriptorStreamTests
{
    [Fact]
    public async Task A_megabyte_written_to_a_pipe_arrives_whole_and_in_order()
    {
        var sent = RandomBytes(1 << 20);
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var received = Drain(pipe);

        var stream = new DescriptorStream(Descriptor(pipe.ClientSafePipeHandle), FileAccess.Write, "standard output");
        stream.Write(sent);
        pipe.DisposeLocalCopyOfClientHandle();

        Assert.Equal(sent, await received);
    }

    [Fact]
    public async Task Reading_returns_what_was_written_then_zero_at_the_end()
    {
        var sent = RandomBytes(200_000);
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var writer = Task.Run(() =>
        {
            using var writeEnd = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
            writeEnd.Write(sent);
        });

        var stream = new DescriptorStream(Descriptor(pipe.SafePipeHandle), FileAccess.Read, "standard input");
        var received = new MemoryStream();
        stream.CopyTo(received);
        await writer;

        Assert.Equal(sent, received.ToArray());
        Assert.Equal(0, stream.Read(new byte[16]));
    }

    [Fact]
    public void Two_streams_on_one_open_file_share_its_offset_as_stdout_and_stderr_do_after_2_to_1()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                var descriptor = Descriptor(file.SafeFileHandle);
                var output = new DescriptorStream(descriptor, FileAccess.Write, "standard output");
                var errors = new DescriptorStream(descriptor, FileAccess.Write, "standard error");
                output.Write("---\nkind: ConfigMap\n"u8);
                errors.Write("info: one\n"u8);
                output.Write("---\nkind: Service\n"u8);
            }

            Assert.Equal("---\nkind: ConfigMap\ninfo: one\n---\nkind: Service\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writing_after_the_reader_exited_fails_once_with_a_clear_message_then_drops_the_rest()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var stream = new DescriptorStream(Descriptor(pipe.ClientSafePipeHandle), FileAccess.Write, "standard output");
        pipe.Dispose(); // closes the read end; the write end stays open in the client handle

        var failure = Assert.Throws<StandardStreamException>(() => stream.Write("kind: Secret\n"u8));
        Assert.Equal("cannot write standard output: the program reading it has exited (broken pipe)", failure.Message);
        Assert.Equal(ExitCodes.Failure, failure.ExitCode);

        stream.Write("more\n"u8); // the flush on the way out must not fail a second time
        pipe.ClientSafePipeHandle.Dispose();
    }

    [Fact]
    public void A_stream_that_discards_failures_never_throws()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var stream = new DescriptorStream(Descriptor(pipe.ClientSafePipeHandle), FileAccess.Write, "standard error") { DiscardFailures = true };
        pipe.Dispose();

        stream.Write("secret-postrenderer: info: done\n"u8);
        stream.Write("secret-postrenderer: info: again\n"u8);
        pipe.ClientSafePipeHandle.Dispose();
    }

    [Fact]
    public void A_descriptor_that_cannot_be_written_names_the_stream_and_the_reason()
    {
        var path = Path.GetTempFileName();
        try
        {
            int descriptor;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                descriptor = Descriptor(file.SafeFileHandle);
                var readOnly = new DescriptorStream(descriptor, FileAccess.Write, "standard output");

                var failure = Assert.Throws<StandardStreamException>(() => readOnly.Write("x"u8));

                Assert.StartsWith("cannot write standard output: ", failure.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("broken pipe", failure.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_descriptor_left_non_blocking_is_waited_on_instead_of_failing()
    {
        // Some parents (Node among them) hand their children non-blocking pipes: a full pipe then answers EAGAIN.
        var sent = RandomBytes(1 << 20);
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var descriptor = Descriptor(pipe.ClientSafePipeHandle);
        MakeNonBlocking(descriptor);
        var stream = new DescriptorStream(descriptor, FileAccess.Write, "standard output");
        var received = Drain(pipe, pauseFirst: TimeSpan.FromMilliseconds(200));

        stream.Write(sent);
        pipe.DisposeLocalCopyOfClientHandle();

        Assert.Equal(sent, await received);
    }

    [Fact]
    public async Task Reading_a_non_blocking_descriptor_waits_for_input()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var descriptor = Descriptor(pipe.ClientSafePipeHandle);
        MakeNonBlocking(descriptor);
        var stream = new DescriptorStream(descriptor, FileAccess.Read, "standard input");
        var writer = Task.Run(async () =>
        {
            await Task.Delay(200);
            pipe.Write("kind: Secret\n"u8);
        });

        var buffer = new byte[64];
        var read = stream.Read(buffer);
        await writer;
        pipe.DisposeLocalCopyOfClientHandle();

        Assert.Equal("kind: Secret\n", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
    }

    [Fact]
    public void It_reads_only_or_writes_only_and_never_seeks()
    {
        var input = new DescriptorStream(0, FileAccess.Read, "standard input");
        var output = new DescriptorStream(1, FileAccess.Write, "standard output");

        Assert.True(input.CanRead);
        Assert.False(input.CanWrite);
        Assert.False(output.CanRead);
        Assert.True(output.CanWrite);
        Assert.False(output.CanSeek);
        Assert.Throws<NotSupportedException>(() => input.Write("x"u8));
        Assert.Throws<NotSupportedException>(() => output.Read(new byte[1]));
        Assert.Throws<NotSupportedException>(() => output.Position);
    }

    private static int Descriptor(SafeHandle handle) => (int)handle.DangerousGetHandle();

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private static Task<byte[]> Drain(Stream pipe, TimeSpan pauseFirst = default) => Task.Run(async () =>
    {
        await Task.Delay(pauseFirst);
        var received = new MemoryStream();
        await pipe.CopyToAsync(received);
        return received.ToArray();
    });

    private static void MakeNonBlocking(int descriptor)
    {
        const int GetFlags = 3, SetFlags = 4, NonBlocking = 0x800; // F_GETFL, F_SETFL, O_NONBLOCK on Linux
        var flags = Fcntl(descriptor, GetFlags, 0);
        Assert.True(flags >= 0);
        Assert.Equal(0, Fcntl(descriptor, SetFlags, flags | NonBlocking));
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int descriptor, int command, int argument);
}
