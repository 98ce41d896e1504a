// The same streams a render opens, and nothing else.
using PostRenderer.Core.ProcessIO;

using var input = StandardStreams.OpenInput(ProcessStreams.OpenInput());
using var output = StandardStreams.OpenOutput(ProcessStreams.OpenOutput());
var buffer = new byte[64 * 1024];
for (var read = input.Read(buffer); read > 0; read = input.Read(buffer))
{
    output.WriteUtf8(buffer.AsSpan(0, read));
}

output.Flush();
ProcessStreams.Errors.WriteLine("runtime-floor: info: copied stdin to stdout");
