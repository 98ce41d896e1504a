using System.Diagnostics;
using System.Globalization;
using System.Text;
using YamlDotNet.Core;

// Usage: YamlParserBaseline FILE [RUNS]
// Reads FILE with YamlDotNet's Parser, pulling every event and nothing else (no nodes, no emitter), RUNS
// times in this process, and prints one line per run and then the median: the cost of parsing alone, the
// floor under any converter built on YamlDotNet.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: YamlParserBaseline FILE [RUNS]").ConfigureAwait(false);
    return 2;
}

var path = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var bytes = new FileInfo(path).Length;
var seconds = new List<double>();
long events = 0;
for (var run = 1; run <= runs; run++)
{
    var clock = Stopwatch.StartNew();
    using (var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 64 * 1024))
    {
        var parser = new Parser(reader);
        events = 0;
        while (parser.MoveNext())
        {
            events++;
        }
    }

    clock.Stop();
    seconds.Add(clock.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run={run} seconds={clock.Elapsed.TotalSeconds:F3} events={events}"));
}

seconds.Sort();
var median = seconds.Count % 2 == 1 ? seconds[seconds.Count / 2] : (seconds[(seconds.Count / 2) - 1] + seconds[seconds.Count / 2]) / 2;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median_seconds={median:F3} mb_per_s={bytes / 1e6 / median:F1} bytes={bytes} events={events}"));
return 0;
