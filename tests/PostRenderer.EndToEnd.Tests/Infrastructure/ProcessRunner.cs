using System.Diagnostics;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>Runs one external program to completion with stdin, captured output and a given environment.</summary>
public static class ProcessRunner
{
    // Generous: helm and dotnet on 2 busy cores. Only a hang should ever reach it.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string? standardInput = null,
        string? workingDirectory = null,
        TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var commandLine = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + commandLine);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(limit ?? Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` still running after {(limit ?? Limit).TotalMinutes} minutes");
        }

        return new ProcessResult(commandLine, process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
    }
}
