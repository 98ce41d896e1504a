using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Rendering;

namespace PostRenderer.Core.Tests.Rendering;

/// <summary>
/// Issue 23 item 4: a producer that writes a document and pauses sees its output at once, not when 64 KB have
/// gathered or the input ends; on the calling thread alone and once the render has spread over several threads.
/// Real pipes and the real descriptor stream, as stdin is read.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SlowProducerTests
{
    // The bound is 50 ms; a test on a machine shared by many builds allows for scheduling, and still
    // fails by seconds when output waits for the end of input (each pause below is 1.5 s).
    private static readonly TimeSpan Allowed = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(1500);

    public static TheoryData<int> Starts => new() { int.MaxValue, 0 };

    [Theory]
    [MemberData(nameof(Starts))]
    public async Task Each_document_leaves_as_soon_as_its_end_arrives(int parallelStartBytes)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var clock = Stopwatch.StartNew();
        var output = new TimedStream(clock);
        var sentAt = new List<TimeSpan>();
        var producer = Task.Run(async () =>
        {
            using var writeEnd = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
            for (var i = 0; i < 3; i++)
            {
                // Each document is followed by the separator that ends it, as a producer that streams documents writes them.
                writeEnd.Write(Encoding.UTF8.GetBytes($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doc-{i}\n---\n"));
                writeEnd.Flush();
                lock (sentAt)
                {
                    sentAt.Add(clock.Elapsed);
                }

                await Task.Delay(Pause);
            }
        });

        var stdin = new DescriptorStream((int)pipe.SafePipeHandle.DangerousGetHandle(), FileAccess.Read, "standard input");
        using (var writer = StandardStreams.OpenOutput(output))
        {
            var pipeline = new RenderPipeline(new Settings(), new MessageLog(TextWriter.Null, null))
            {
                Parallel = new ParallelRenderOptions(StartAfterBytes: parallelStartBytes, BatchBytes: 64 * 1024, Workers: 1, MaxBatchesInFlight: 8),
            };
            pipeline.Run(StandardStreams.OpenInput(stdin), writer);
        }

        await producer;
        for (var i = 0; i < 3; i++)
        {
            var arrived = output.FirstWriteContaining($"name: doc-{i}");
            Assert.True(arrived - sentAt[i] < Allowed, $"doc-{i} sent at {sentAt[i].TotalMilliseconds:0} ms, written at {arrived.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Records when each write arrives and what it held.</summary>
    private sealed class TimedStream(Stopwatch clock) : Stream
    {
        private readonly List<(TimeSpan At, string Text)> writes = [];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public TimeSpan FirstWriteContaining(string text)
        {
            lock (writes)
            {
                var found = writes.FindIndex(write => write.Text.Contains(text, StringComparison.Ordinal));
                return found < 0 ? TimeSpan.MaxValue : writes[found].At;
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (writes)
            {
                writes.Add((clock.Elapsed, Encoding.UTF8.GetString(buffer)));
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
