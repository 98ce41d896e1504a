using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>
/// fixtures/bad/, the bad-input catalogue: each input (with the settings of its env file, if any) must fail within a
/// time limit with its documented exit code (exit-code file, default 2) and exactly one error line that contains expected-error.txt, names the document (or
/// the line, or the configuration file) it is about, has no stack trace, and quotes no value of the input.
/// Inputs too large to commit (a 10,000-key Secret, 10,000-deep nesting, over-long lines and documents) are made
/// here at test time; the 100 MB scalar and the memory bounds are checked on the real process in
/// PostRenderer.Hardening.Tests.
/// </summary>
public sealed partial class ErrorFixtureTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string BadRoot => Path.Combine(RepositoryPaths.Fixtures, "bad");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(BadRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fails_with_one_clear_line(string name)
    {
        var directory = Path.Combine(BadRoot, name);
        var input = File.ReadAllBytes(Path.Combine(directory, "input.yaml"));
        var exitCodeFile = Path.Combine(directory, "exit-code");
        var expectedExit = File.Exists(exitCodeFile) ? int.Parse(File.ReadAllText(exitCodeFile).Trim(), CultureInfo.InvariantCulture) : 2;
        var expectedText = File.ReadAllText(Path.Combine(directory, "expected-error.txt")).TrimEnd('\n');

        var run = await WithinLimit(() => InProcessRun.Execute(input, directory, new FixtureCase(directory).Environment()));

        Assert.True(expectedExit == run.ExitCode, $"exit {run.ExitCode}, expected {expectedExit}: {run.Errors}");
        var line = AssertOneErrorLine(run);
        Assert.Contains(expectedText, line, StringComparison.Ordinal);
        var aboutConfiguration = File.Exists(Path.Combine(directory, ".secret-postrenderer.yaml"));
        if (aboutConfiguration)
        {
            Assert.Matches(@"configuration file |setting '|backend|document \d+ at line \d+", line);
        }
        else if (name != "only-comments")
        {
            Assert.Matches(@"document \d+ at line \d+|line \d+", line);
        }

        foreach (var value in SecretLookingValues().Matches(Encoding.UTF8.GetString(input)).Select(match => match.Value))
        {
            Assert.DoesNotContain(value, run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Debug_adds_the_stack_trace()
    {
        var directory = Path.Combine(BadRoot, "invalid-base64");
        var run = InProcessRun.Execute(File.ReadAllBytes(Path.Combine(directory, "input.yaml")), directory, commandLine: new Dictionary<string, string?> { ["debug"] = "true" });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("   at ", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_catalogue_entry_has_an_input_and_an_expected_error()
    {
        var incomplete = Directory.GetDirectories(BadRoot)
            .Where(dir => !File.Exists(Path.Combine(dir, "input.yaml")) || !File.Exists(Path.Combine(dir, "expected-error.txt")))
            .ToList();
        Assert.Empty(incomplete);
        Assert.True(Directory.GetDirectories(BadRoot).Length >= 25);
    }

    /// <summary>Not an error: a Secret with 10,000 keys converts, and every key reaches the ExternalSecret and the store.</summary>
    [Fact]
    public async Task A_secret_with_ten_thousand_keys_converts_and_populates_every_key()
    {
        var work = Directory.CreateTempSubdirectory("ten-thousand-keys-").FullName;
        try
        {
            var input = new StringBuilder("apiVersion: v1\nkind: Secret\nmetadata:\n  name: wide\n  namespace: big\nstringData:\n");
            for (var i = 0; i < 10_000; i++)
            {
                input.Append(CultureInfo.InvariantCulture, $"  key-{i:D5}: wide-secret-value-{i:D5}-x\n");
            }

            var store = Path.Combine(work, "store.json");
            var run = await WithinLimit(() => InProcessRun.Execute(Encoding.UTF8.GetBytes(input.ToString()), work,
                commandLine: new Dictionary<string, string?> { ["populate"] = "true", ["file:path"] = store }));

            Assert.True(run.ExitCode == 0, run.Errors);
            Assert.Equal(10_000, Regex.Count(run.Output, "secretKey: key-"));
            Assert.DoesNotContain("wide-secret-value", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("wide-secret-value", run.Errors, StringComparison.Ordinal);
            var entry = JsonNode.Parse(File.ReadAllText(store))!["big/wide"]!.AsObject();
            Assert.Equal(10_000, entry.Count);
            Assert.Equal("wide-secret-value-09999-x", entry["key-09999"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "block sequences", string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n" },
        { "flow mappings", "a: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "x" + new string('}', 10_000) + "\n" },
        { "block mappings", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 600) + "x\n" },
        { "in a Secret", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: deep\nstringData:\n  k: " + new string('[', 10_000) + new string(']', 10_000) + "\n" },
    };

    /// <summary>Nesting 10,000 levels deep (and 300 levels of block mappings) fails cleanly at the depth limit, without a stack overflow.</summary>
    [Theory]
    [MemberData(nameof(DeepInputs))]
    public async Task Deep_nesting_fails_cleanly_at_the_depth_limit(string shape, string input)
    {
        var run = await WithinLimit(() => InProcessRun.Execute(Encoding.UTF8.GetBytes(input), Path.GetTempPath()));

        Assert.True(run.ExitCode == 2, $"{shape}: exit {run.ExitCode}: {run.Errors}");
        var line = AssertOneErrorLine(run);
        Assert.Matches(@"document 1 at line 1.*(nesting is deeper than|nests deeper than) 200 levels", line);
    }

    public static TheoryData<string, string, string> OversizedInputs() => new()
    {
        { "one long line", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: " + new string('x', 5_000) + "\n", "than 4096 bytes; raise --max-document-size if this input is genuine" },
        { "many lines", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"  k{i}: 0123456789\n")), "the document starting at line 1 is larger than 4096 bytes; raise --max-document-size" },
        { "a long secret value", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\nstringData:\n  k: " + string.Concat(Enumerable.Repeat("long-secret-value-", 300)) + "\n", "than 4096 bytes; raise --max-document-size" },
    };

    /// <summary>The document size limit bounds memory: a line or document over it fails with exit 2 and says what to raise.</summary>
    [Theory]
    [MemberData(nameof(OversizedInputs))]
    public async Task A_document_over_the_size_limit_fails_cleanly(string shape, string input, string expected)
    {
        var run = await WithinLimit(() => InProcessRun.Execute(Encoding.UTF8.GetBytes(input), Path.GetTempPath(),
            commandLine: new Dictionary<string, string?> { ["maxDocumentSize"] = "4096" }));

        Assert.True(run.ExitCode == 2, $"{shape}: exit {run.ExitCode}: {run.Errors}");
        Assert.Contains(expected, AssertOneErrorLine(run), StringComparison.Ordinal);
        Assert.DoesNotContain("long-secret-value", run.Errors + run.Output, StringComparison.Ordinal);
    }

    private static string AssertOneErrorLine(InProcessRun run)
    {
        var errorLines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains(": error: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errorLines);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("this is a bug", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Runs on its own thread so that a hang fails the test instead of stalling the run.</summary>
    private static async Task<InProcessRun> WithinLimit(Func<InProcessRun> run)
    {
        var task = Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the run did not finish within {Limit.TotalSeconds}s");
            throw;
        }
    }

    // The catalogue's inputs name every secret value "...value..." so that leaks are easy to find.
    [GeneratedRegex(@"[\w*!-]*value[\w*!-]*|not\*base64!")]
    private static partial Regex SecretLookingValues();
}
