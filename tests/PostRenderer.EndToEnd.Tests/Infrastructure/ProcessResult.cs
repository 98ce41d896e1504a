namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>What one finished process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Errors)
{
    /// <summary>Everything needed to understand a failed assertion, for assertion messages.</summary>
    public string Describe() => $"`{CommandLine}` exited {ExitCode}\n--- stderr:\n{Errors}\n--- stdout:\n{Output}";

    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, Describe());
        return this;
    }
}
