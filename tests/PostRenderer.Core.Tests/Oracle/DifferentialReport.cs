using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>What a differential run over one corpus found: counts, and the problems grouped by class.</summary>
public sealed partial class DifferentialReport(string corpus)
{
    private const int ExamplesPerClass = 4;

    private readonly Dictionary<string, List<string>> problems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> problemCounts = new(StringComparer.Ordinal);

    public string Corpus => corpus;

    public int Cases { get; set; }

    public int[] Exits { get; } = new int[3];

    public int OtherExits { get; set; }

    public int OracleRejected { get; set; }

    public int AcceptedWhatOracleRejects { get; set; }

    public int SecretsConverted { get; set; }

    public int SecretsPassedThrough { get; set; }

    public int DocumentsCompared { get; set; }

    public int ValuesChecked { get; set; }

    public int LibyamlCompared { get; set; }

    public TimeSpan RenderTime { get; set; }

    public TimeSpan ReadTime { get; set; }

    public TimeSpan LibyamlTime { get; set; }

    public int ProblemCount => problemCounts.Values.Sum();

    public IReadOnlyCollection<string> Classes => problemCounts.Keys;

    /// <summary>Records a problem; its class is the message with names, numbers and quoted text taken out.</summary>
    public void Add(string kind, DifferentialCase @case, string detail)
    {
        var key = kind + ": " + Signature(detail);
        problemCounts[key] = problemCounts.GetValueOrDefault(key) + 1;
        if (!problems.TryGetValue(key, out var examples))
        {
            problems[key] = examples = [];
        }

        if (examples.Count < ExamplesPerClass)
        {
            examples.Add($"{@case.Corpus} {@case.Id}: {detail}");
            Dump(@case);
        }
    }

    /// <summary>With K8S_ORACLE_DUMP set to a folder, the input of each case shown in a failure is saved there.</summary>
    private static void Dump(DifferentialCase @case)
    {
        var folder = Environment.GetEnvironmentVariable("K8S_ORACLE_DUMP");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            var name = string.Concat($"{@case.Corpus}-{@case.Id}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '#' ? c : '_'));
            File.WriteAllBytes(Path.Combine(folder, name + ".yaml"), @case.Input);
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{corpus}: {Cases} streams; tool exit 0: {Exits[0]}, exit 2 (refused): {Exits[2]}, exit 1: {Exits[1]}, other: {OtherExits}; "
        + $"Kubernetes rejects {OracleRejected} inputs, of which the tool accepts {AcceptedWhatOracleRejects}; "
        + $"{SecretsConverted} Secrets converted, {SecretsPassedThrough} passed through by rule, {DocumentsCompared} documents compared, "
        + $"{LibyamlCompared} outputs read back by libyaml, {ValuesChecked} values checked for leaks; "
        + $"render {RenderTime.TotalSeconds:0.0}s, oracle {ReadTime.TotalSeconds:0.0}s, libyaml {LibyamlTime.TotalSeconds:0.0}s; {ProblemCount} problems in {problemCounts.Count} classes");

    public string Failures()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ProblemCount} problems in {problemCounts.Count} classes ({corpus}):\n");
        foreach (var (key, count) in problemCounts.OrderByDescending(entry => entry.Value).ThenBy(entry => entry.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"- [{count}x] {key}\n");
            foreach (var example in problems[key])
            {
                text.Append("    ").Append(example).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Signature(string detail) => Variable().Replace(detail, "_");

    [GeneratedRegex("\\[[^\\]]*\\]|'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"|<sha256:[0-9a-f]+>|\\$[^: ]*|\\b\\d+\\b|\\(.*?\\)")]
    private static partial Regex Variable();
}
