using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// Eight real processes populate overlapping Secrets into one store at once, as helmfile's parallel renders do.
/// Each process wants the shared keys with its own values, plus a key of its own. Afterwards every entry holds
/// every key; each key was added by exactly one process (by their own reports), and the store holds that
/// process's value: nothing was lost, nothing written twice, no value overwritten. On Vault (check-and-set) every
/// version of every entry is inspected too: once a key appears it keeps its value in every later version.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed partial class ConcurrentPopulationTests(ITestOutputHelper output) : IDisposable
{
    private const int Processes = 8;
    private const int SecretCount = 12;
    private static readonly string[] SharedKeys = ["password", "token", "tls.key"];

    private readonly string work = Directory.CreateTempSubdirectory("concurrent-population-").FullName;

    [Fact]
    public async Task Eight_processes_populating_one_vault_lose_and_overwrite_nothing()
    {
        await using var vault = await FakeVault.StartAsync();
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = vault.Address.ToString(), ["VAULT_TOKEN"] = FakeVault.RootToken };

        var runs = await RunAllAsync(["--backend", "vault"], environment);

        var mount = vault.Secret;
        var final = mount.Paths().ToDictionary(name => name, name => mount.History(name)[^1], StringComparer.Ordinal);
        AssertNothingLostOrOverwritten(runs, final, "vault");
        foreach (var name in mount.Paths())
        {
            var history = mount.History(name);
            foreach (var key in history[^1].Keys)
            {
                var first = history.FindIndex(version => version.ContainsKey(key));
                Assert.All(history.Skip(first), version => Assert.Equal(history[first][key], version.GetValueOrDefault(key)));
            }
        }

        output.WriteLine($"{mount.CasConflicts} check-and-set conflicts resolved");
    }

    [Fact]
    public async Task Eight_processes_populating_one_local_file_store_lose_and_overwrite_nothing()
    {
        var store = Path.Combine(work, "store", "secrets.json");
        var runs = await RunAllAsync(["--backend", "file"], new Dictionary<string, string> { ["SECRET_POSTRENDERER_FILE__PATH"] = store });

        var final = JsonNode.Parse(File.ReadAllText(store))!.AsObject()
            .ToDictionary(entry => entry.Key, entry => entry.Value!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal), StringComparer.Ordinal);
        AssertNothingLostOrOverwritten(runs, final, "file");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>Which Secrets process <paramref name="process"/> renders: overlapping subsets of the twelve.</summary>
    private static IEnumerable<int> SecretsOf(int process) => Enumerable.Range(0, SecretCount).Where(secret => (secret + process) % 3 != 0);

    private static string Value(int process, int secret, string key) => $"value-of-p{process}-s{secret}-{key}-{process * 7919 + secret * 104729:X}";

    private static string Input(int process)
    {
        var builder = new StringBuilder();
        foreach (var secret in SecretsOf(process))
        {
            builder.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-{secret}\n  namespace: shared\nstringData:\n");
            foreach (var key in SharedKeys.Append($"only-p{process}"))
            {
                builder.Append(CultureInfo.InvariantCulture, $"  {key}: {Value(process, secret, key)}\n");
            }
        }

        return builder.ToString();
    }

    private async Task<CliProcess[]> RunAllAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, Processes).Select(process => Task.Factory.StartNew(
            () => CliProcess.Run(Input(process), arguments, work, environment),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        for (var process = 0; process < Processes; process++)
        {
            Assert.True(runs[process].ExitCode == 0, $"process {process}: exit {runs[process].ExitCode}: {runs[process].Errors}");
            Assert.DoesNotContain("value-of-p", runs[process].Output + runs[process].Errors, StringComparison.Ordinal);
        }

        return runs;
    }

    private static void AssertNothingLostOrOverwritten(CliProcess[] runs, Dictionary<string, Dictionary<string, string>> final, string backend)
    {
        // Who reported adding which key: "created BACKEND entry 'E' with a, b" and "added a, b to BACKEND entry 'E'".
        var adders = new Dictionary<(string Entry, string Key), List<int>>();
        for (var process = 0; process < Processes; process++)
        {
            foreach (Match match in AddedLine().Matches(runs[process].Errors))
            {
                var entry = match.Groups["entry1"].Success ? match.Groups["entry1"].Value : match.Groups["entry2"].Value;
                var keys = match.Groups["keys1"].Success ? match.Groups["keys1"].Value : match.Groups["keys2"].Value;
                Assert.Equal(backend, match.Groups["backend1"].Success ? match.Groups["backend1"].Value : match.Groups["backend2"].Value);
                foreach (var key in keys.Split(", "))
                {
                    var list = adders.TryGetValue((entry, key), out var existing) ? existing : adders[(entry, key)] = [];
                    list.Add(process);
                }
            }
        }

        Assert.Equal(SecretCount, final.Count);
        for (var secret = 0; secret < SecretCount; secret++)
        {
            var entry = $"shared/app-{secret}";
            var renderers = Enumerable.Range(0, Processes).Where(process => SecretsOf(process).Contains(secret)).ToList();
            var expectedKeys = SharedKeys.Concat(renderers.Select(process => $"only-p{process}")).Order(StringComparer.Ordinal);
            Assert.Equal(expectedKeys, final[entry].Keys.Order(StringComparer.Ordinal));
            foreach (var key in expectedKeys)
            {
                var writers = adders.GetValueOrDefault((entry, key)) ?? [];
                var writer = Assert.Single(writers);
                Assert.Equal(Value(writer, secret, key), final[entry][key]);
            }
        }

        Assert.Equal(final.Sum(entry => entry.Value.Count), adders.Count);
    }

    [GeneratedRegex(@"info: (?:created (?<backend1>\w+) entry '(?<entry1>[^']+)' with (?<keys1>[^\n]+)|added (?<keys2>.+?) to (?<backend2>\w+) entry '(?<entry2>[^']+)')\n")]
    private static partial Regex AddedLine();
}
