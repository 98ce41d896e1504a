using System.Text.RegularExpressions;

namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>
/// fixtures/errors/: each input must fail with its documented exit code (exit-code file, default 2) and exactly
/// one error line that contains expected-error.txt, has no stack trace, and quotes no value of the input.
/// </summary>
public sealed partial class ErrorFixtureTests
{
    private static string ErrorsRoot => Path.Combine(RepositoryPaths.Fixtures, "errors");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(ErrorsRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fails_with_one_clear_line(string name)
    {
        var directory = Path.Combine(ErrorsRoot, name);
        var input = File.ReadAllBytes(Path.Combine(directory, "input.yaml"));
        var exitCodeFile = Path.Combine(directory, "exit-code");
        var expectedExit = File.Exists(exitCodeFile) ? int.Parse(File.ReadAllText(exitCodeFile).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 2;
        var expectedText = File.ReadAllText(Path.Combine(directory, "expected-error.txt")).TrimEnd('\n');

        var run = InProcessRun.Execute(input, directory);

        Assert.Equal(expectedExit, run.ExitCode);
        var errorLines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains(": error: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errorLines);
        Assert.Contains(expectedText, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        foreach (var value in SecretLookingValues().Matches(System.Text.Encoding.UTF8.GetString(input)).Select(match => match.Value))
        {
            Assert.DoesNotContain(value, run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Debug_adds_the_stack_trace()
    {
        var directory = Path.Combine(ErrorsRoot, "invalid-base64");
        var run = InProcessRun.Execute(File.ReadAllBytes(Path.Combine(directory, "input.yaml")), directory, commandLine: new Dictionary<string, string?> { ["debug"] = "true" });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("   at ", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", run.Errors, StringComparison.Ordinal);
    }

    // The catalogue's inputs name every secret value "...value..." so that leaks are easy to find.
    [GeneratedRegex(@"[\w*!-]*value[\w*!-]*|not\*base64!")]
    private static partial Regex SecretLookingValues();
}
