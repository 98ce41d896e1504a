// The same streams a render opens, and nothing else.
using PostRenderer.Core.Pipeline;

using var input = StandardStreams.OpenInput(ProcessStreams.OpenInput());
using var output = StandardStreams.OpenOutput(ProcessStreams.OpenOutput());
output.Write(input.ReadToEnd());
output.Flush();
ProcessStreams.Errors.WriteLine("runtime-floor: info: copied stdin to stdout");
