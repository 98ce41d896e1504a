// The same streams a render opens, and nothing else.
using var input = new StreamReader(Console.OpenStandardInput());
using var output = new StreamWriter(Console.OpenStandardOutput());
output.Write(input.ReadToEnd());
Console.Error.WriteLine("runtime-floor: info: copied stdin to stdout");
