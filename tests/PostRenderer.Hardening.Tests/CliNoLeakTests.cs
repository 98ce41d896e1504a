using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// The no-leak property (see PostRenderer.Core.Tests' NoLeakPropertyTests) through the real executable: generated
/// streams go through the process with the local file store populated, a --log-file, and for some a split
/// --output-dir. No value of a converted Secret may appear in stdout, stderr, the log or the split files; exit 0
/// means every Secret became an ExternalSecret (or was passed through by a documented rule) and its values reached
/// the store, whose file is mode 0600. Each process gets three generated streams one after the other (process
/// start-up dominates); HARDENING_CLI_PROCESSES sets the number of processes (default 70, so 210 cases).
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed class CliNoLeakTests(ITestOutputHelper output) : IDisposable
{
    private const int BaseSeed = 7_000_000;
    private readonly string work = Directory.CreateTempSubdirectory("cli-noleak-").FullName;

    [Fact]
    public void Generated_streams_through_the_real_process_leak_nothing()
    {
        var processes = int.TryParse(Environment.GetEnvironmentVariable("HARDENING_CLI_PROCESSES"), CultureInfo.InvariantCulture, out var configured) ? configured : 70;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var converted = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, processes, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var seed = BaseSeed + (3 * i);
            var problem = RunCase(seed, ref converted);
            if (problem is not null)
            {
                failures.Add($"seeds {seed} to {seed + 2}: {problem}");
            }
        });

        output.WriteLine($"{processes} processes ({3 * processes} generated streams) in {clock.Elapsed.TotalSeconds:0.0}s, {converted} Secrets converted");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(converted > processes);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string? RunCase(int seed, ref int converted)
    {
        var split = seed % 5 == 0;
        var streams = Enumerable.Range(seed, 3).Select(s => new SecretStreamGenerator(s).Next(s, resourcesOnly: split)).ToList();
        var input = new List<byte>();
        foreach (var stream in streams)
        {
            // One stream after another: a document-start line between them, and a BOM only at the very start.
            var bytes = stream.Input.AsSpan();
            if (input.Count > 0)
            {
                input.AddRange("\n---\n"u8.ToArray());
                bytes = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
            }

            input.AddRange(bytes.ToArray());
        }

        var generated = new GeneratedCase
        {
            Seed = seed,
            Input = [.. input],
            Secrets = [.. streams.SelectMany(stream => stream.Secrets)],
            InvalidValue = streams.Select(stream => stream.InvalidValue).FirstOrDefault(value => value is not null),
            ResourceCount = streams.Sum(stream => stream.ResourceCount),
            HasNonResources = streams.Any(stream => stream.HasNonResources),
        };
        var directory = Path.Combine(work, seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var store = Path.Combine(directory, "store", "secrets.json");
        var log = Path.Combine(directory, "render.log");
        var arguments = new List<string> { "--log-file", log };
        if (split)
        {
            arguments.AddRange(["--output-dir", "gitops", "--release", "rel"]);
        }

        var run = CliProcess.Run(generated.Input, arguments, directory, new Dictionary<string, string> { ["SECRET_POSTRENDERER_FILE__PATH"] = store });
        var texts = new Dictionary<string, string>(StringComparer.Ordinal) { ["stdout"] = run.Output, ["stderr"] = run.Errors };
        if (File.Exists(log))
        {
            texts["the log file"] = File.ReadAllText(log);
        }

        foreach (var (name, text) in LeakChecks.FilesUnder(Path.Combine(directory, "gitops")))
        {
            texts[name] = text;
        }

        var leak = LeakChecks.FindLeak(generated.ProtectedValues(), texts);
        if (leak is not null)
        {
            return leak;
        }

        if (generated.InvalidValue is { } invalid)
        {
            return run.ExitCode == 2 && !texts.Values.Any(text => text.Contains(invalid[..^2], StringComparison.Ordinal))
                ? null
                : $"a Secret with invalid base64: exit {run.ExitCode}, or its value printed: {run.Errors}";
        }

        if (run.ExitCode != 0)
        {
            return $"exit {run.ExitCode}: {run.Errors}";
        }

        var inventory = OutputInventory.Read(run.Output);
        foreach (var secret in generated.Secrets)
        {
            if (secret.ExpectConverted != inventory.ExternalSecrets.ContainsKey(secret.Name) || secret.ExpectConverted == inventory.Secrets.Contains(secret.Name))
            {
                return $"Secret {secret.Name}: expected {(secret.ExpectConverted ? "an ExternalSecret" : "passed through")}";
            }
        }

        var toStore = generated.Secrets.Where(secret => secret.ExpectConverted).ToList();
        Interlocked.Add(ref converted, toStore.Count);
        if (toStore.Count == 0)
        {
            return null;
        }

        if (File.GetUnixFileMode(store) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            return $"the store file is mode {File.GetUnixFileMode(store)}";
        }

        var entries = JsonNode.Parse(File.ReadAllText(store))!.AsObject();
        foreach (var secret in toStore)
        {
            var entry = entries[$"{secret.Namespace ?? "default"}/{secret.Name}"] as JsonObject;
            if (entry is null || secret.Values.Any(value => entry[value.Key]?.GetValue<string>() != value.StoreText))
            {
                return $"the store does not hold every value of {secret.Name}";
            }
        }

        return null;
    }
}
