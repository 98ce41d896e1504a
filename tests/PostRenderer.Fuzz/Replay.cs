using System.Diagnostics;
using System.Globalization;

namespace PostRenderer.Fuzz;

/// <summary>Runs saved inputs (the seed corpus, found crashes) through the invariants without AFL.</summary>
internal static class Replay
{
    /// <summary>Every file under each path (or the path itself), in ordinal order; hidden files and README.md left out.</summary>
    public static List<string> Inputs(IEnumerable<string> paths) =>
        paths.SelectMany(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(file => !Path.GetFileName(file).StartsWith('.') && Path.GetFileName(file) != "README.md")
                : [path])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Null when the input keeps every invariant; else what broke, with the stack for an unexpected exception.</summary>
    public static string? Failure(byte[] input)
    {
        try
        {
            FuzzInvariants.Check(input);
            return null;
        }
        catch (InvariantViolationException violation)
        {
            return violation.Message;
        }
#pragma warning disable CA1031 // any other exception is exactly what is reported
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"only documented user errors: unexpected {ex}";
        }
    }

    public static int Run(IEnumerable<string> paths, TextWriter report)
    {
        var inputs = Inputs(paths);
        var failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var path in inputs)
        {
            if (Failure(File.ReadAllBytes(path)) is { } failure)
            {
                failed++;
                report.WriteLine($"FAIL {path}: {failure}");
            }
            else
            {
                report.WriteLine($"ok {path}");
            }
        }

        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {inputs.Count} inputs in {clock.Elapsed.TotalSeconds:0.0}s: {inputs.Count - failed} kept every invariant, {failed} failed"));
        return failed == 0 && inputs.Count > 0 ? 0 : 1;
    }
}
