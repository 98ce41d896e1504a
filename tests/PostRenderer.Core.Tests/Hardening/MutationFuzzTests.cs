using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Tests.Fixtures;
using PostRenderer.Core.Yaml;
using Xunit.Abstractions;

namespace PostRenderer.Core.Tests.Hardening;

/// <summary>
/// Seeded mutation fuzzing over every fixture input (golden and bad) and golden output, in-process: every run ends
/// within the time limit with exit 0 or 2 (never 1, never an unexpected exception, never a stack trace without
/// --debug), an exit 2 says so in exactly one error line, and whenever the exit is 0 the output is not empty
/// and no stored value of a converted Secret of the mutated input appears in stdout or stderr.
/// Iterations: HARDENING_FUZZ_ITERATIONS (default 20,000); a failing iteration is reproduced by its seed.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20_250_601;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Mutated_fixtures_never_crash_hang_or_leak()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("HARDENING_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var configured) ? configured : 20_000;
        var corpus = Corpus();
        var failures = new List<string>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var exits = new int[3];
        var current = -1;
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var loop = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < iterations; i++)
            {
                Volatile.Write(ref current, i);
                var seed = BaseSeed + i;
                var (directory, environment, original) = corpus[new Random(seed).Next(corpus.Count)];
                var input = new FixtureMutator(seed).Mutate(original);
                var started = Stopwatch.GetTimestamp();
                InProcessRun run;
                try
                {
                    run = InProcessRun.Execute(input, directory, environment);
                }
#pragma warning disable CA1031 // Any escaping exception is exactly what this test looks for.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Record(failures, kinds, seed, directory, $"the run threw {ex.GetType().Name}: {ex.Message}", input);
                    continue;
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                slowest = elapsed > slowest ? elapsed : slowest;
                if (run.ExitCode is >= 0 and <= 2)
                {
                    exits[run.ExitCode]++;
                }

                var problem = Judge(input, run) ?? (elapsed > TimeSpan.FromSeconds(10) ? $"took {elapsed.TotalSeconds:0.0}s" : null);
                if (problem is not null)
                {
                    Record(failures, kinds, seed, directory, problem, input);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            await loop.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            var seed = BaseSeed + Volatile.Read(ref current);
            Assert.Fail($"iteration with seed {seed} did not finish within {Limit.TotalMinutes} minutes (a hang)");
        }

        output.WriteLine($"{iterations} mutated inputs in {clock.Elapsed.TotalSeconds:0.0}s over {corpus.Count} fixtures: "
            + $"exit 0: {exits[0]}, exit 2: {exits[2]}, exit 1: {exits[1]}; slowest run {slowest.TotalMilliseconds:0}ms");
        Assert.True(failures.Count == 0, $"{kinds.Values.Sum()} failing inputs of {kinds.Count} kinds; the first of each kind:\n" + string.Join("\n", failures));
        Assert.True(exits[0] > iterations / 10 && exits[2] > iterations / 10, "the mutations should give both valid and invalid inputs");
    }

    /// <summary>Keeps the first failing input of each kind (the problem with its numbers left out), so one bug does not hide another.</summary>
    private static void Record(List<string> failures, Dictionary<string, int> kinds, int seed, string directory, string problem, byte[] input)
    {
        var kind = new string(problem.Where(c => !char.IsAsciiDigit(c)).Take(90).ToArray());
        kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        if (kinds[kind] == 1)
        {
            failures.Add($"seed {seed} ({Path.GetFileName(directory)}): {problem}");
            Dump(seed, input);
        }
    }

    /// <summary>With HARDENING_FUZZ_DUMP set to a folder, each failing input is saved there as SEED.yaml.</summary>
    private static void Dump(int seed, byte[] input)
    {
        var folder = Environment.GetEnvironmentVariable("HARDENING_FUZZ_DUMP");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, seed.ToString(CultureInfo.InvariantCulture) + ".yaml"), input);
        }
    }

    private static string? Judge(byte[] input, InProcessRun run)
    {
        if (run.ExitCode is not (0 or 2))
        {
            return $"exit {run.ExitCode}: {run.Errors}";
        }

        if (run.Errors.Contains("   at ", StringComparison.Ordinal) || run.Errors.Contains("this is a bug", StringComparison.Ordinal))
        {
            return $"a stack trace or an unexpected exception: {run.Errors}";
        }

        var errorLines = run.Errors.Split('\n').Count(line => line.Contains(": error: ", StringComparison.Ordinal));
        if (run.ExitCode == 2)
        {
            return errorLines == 1 ? null : $"exit 2 with {errorLines} error lines: {run.Errors}";
        }

        // Blank input (whitespace only) is empty input: empty output is right for it.
        if (errorLines > 0 || (run.Output.Length == 0 && !IsBlank(input)))
        {
            return $"exit 0 with an error line or an empty output: {run.Errors}";
        }

        return FindLeak(input, run);
    }

    /// <summary>
    /// The stored values of the input's converted Secrets (read with the product's reader) must not appear in the
    /// output or messages. A value is judged only when it is at least 8 characters long and is not part of any
    /// public scalar of the input (a name, a label, a key, a ConfigMap value, ...): a mutation may anchor a name and
    /// alias it into stringData, or copy a value into a ConfigMap, and then showing that text is right.
    /// </summary>
    private static string? FindLeak(byte[] input, InProcessRun run)
    {
        List<SecretDocument> secrets;
        List<string> publicText;
        try
        {
            (secrets, publicText) = ReadInput(input);
        }
        catch (UserException)
        {
            return null; // the product read it differently (e.g. a document it skipped); nothing to compare
        }

        var inventory = OutputInventory.Read(run.Output);
        publicText.AddRange(DeliberatelyShown(secrets, inventory));
        foreach (var secret in secrets.Where(secret => !inventory.Secrets.Contains(secret.Name)))
        {
            if (!inventory.ExternalSecrets.TryGetValue(secret.Name, out var stored))
            {
                continue;
            }

            foreach (var value in secret.Values.Where(value => stored.Contains(value.Key)))
            {
                foreach (var form in LeakChecks.Forms(value.StoreText, value.SourceText).Where(form => form.Length >= 8).Distinct(StringComparer.Ordinal))
                {
                    // Its core counts: a value "folded\n" under the key "folded" shows wherever the key ends a line.
                    var core = form.Trim().Length >= 8 ? form.Trim() : form;
                    if (publicText.Any(text => text.Contains(core, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (run.Output.Contains(form, StringComparison.Ordinal) || run.Errors.Contains(form, StringComparison.Ordinal))
                    {
                        return $"the value of {secret.Name}.{value.Key} appears in the output or messages";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The values of keys that a converted Secret's ExternalSecret does not store (a Jenkins X mapping's
    /// <c>unsecured</c> keys stay in its template), in every form: the output shows them on purpose, and a stored
    /// value that a mutation cut to a prefix of one of them is no leak.
    /// </summary>
    private static IEnumerable<string> DeliberatelyShown(List<SecretDocument> secrets, OutputInventory inventory) =>
        from secret in secrets
        where inventory.ExternalSecrets.ContainsKey(secret.Name)
        from value in secret.Values
        where !inventory.ExternalSecrets[secret.Name].Contains(value.Key)
        from form in LeakChecks.Forms(value.StoreText, value.SourceText)
        select form;

    private static bool IsBlank(byte[] input) =>
        new UTF8Encoding(false).GetString(input).TrimStart('\ufeff').All(c => c is ' ' or '\t' or '\r' or '\n');

    /// <summary>The input's Secrets, and every scalar of the input that is not a value under a Secret's data or stringData.</summary>
    private static (List<SecretDocument> Secrets, List<string> PublicText) ReadInput(byte[] input)
    {
        var secrets = new List<SecretDocument>();
        var publicText = new List<string>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        using var reader = Core.ProcessIO.StandardStreams.OpenInput(new MemoryStream(input));
        foreach (var raw in new DocumentSplitter(reader, int.MaxValue / 2).ReadDocuments())
        {
            if (raw.SourceComment is not null)
            {
                publicText.Add(raw.SourceComment);
            }

            var root = new NodeReader(ReaderLimits.Default).Read(raw);
            IEnumerable<Node> candidates = CanonicalOrder.ListItems(root)?.Items ?? (root is null ? [] : [root]);
            foreach (var candidate in candidates)
            {
                if (candidate is MappingNode secret && SecretDocument.IsSecret(secret))
                {
                    secrets.Add(SecretDocument.Read(secret, new DocumentLocation(raw.Index, raw.StartLine)));
                }
            }

            CollectPublic(root, publicText, visited);
        }

        return (secrets, publicText);
    }

    private static void CollectPublic(Node? node, List<string> publicText, HashSet<Node> visited)
    {
        if (node is null || !visited.Add(node))
        {
            return;
        }

        switch (node)
        {
            case ScalarNode scalar:
                publicText.Add(scalar.Value);
                break;
            case SequenceNode sequence:
                sequence.Items.ForEach(item => CollectPublic(item, publicText, visited));
                break;
            case MappingNode mapping:
                var isSecret = SecretDocument.IsSecret(mapping);
                foreach (var (key, value) in mapping.Entries)
                {
                    CollectPublic(key, publicText, visited);
                    if (isSecret && key is ScalarNode { Value: "data" or "stringData" } && value is MappingNode values)
                    {
                        values.Entries.ForEach(entry => CollectPublic(entry.Key, publicText, visited));
                    }
                    else
                    {
                        CollectPublic(value, publicText, visited);
                    }
                }

                break;
        }
    }

    /// <summary>Every fixture input and golden output, each with the folder (its configuration) and env file it runs with.</summary>
    private static List<(string Directory, Dictionary<string, string> Environment, byte[] Input)> Corpus()
    {
        var corpus = new List<(string, Dictionary<string, string>, byte[])>();
        foreach (var fixture in FixtureCase.All())
        {
            corpus.Add((fixture.Directory, fixture.Environment(), File.ReadAllBytes(fixture.InputPath)));
            corpus.Add((fixture.Directory, fixture.Environment(), File.ReadAllBytes(fixture.ExpectedPath)));
        }

        foreach (var directory in Directory.GetDirectories(Path.Combine(RepositoryPaths.Fixtures, "bad")).Order(StringComparer.Ordinal))
        {
            var input = Path.Combine(directory, "input.yaml");
            if (File.Exists(input) && new FileInfo(input).Length < 100_000)
            {
                corpus.Add((directory, new Dictionary<string, string>(), File.ReadAllBytes(input)));
            }
        }

        return corpus;
    }
}
