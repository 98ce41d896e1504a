using System.Diagnostics;
using System.Text;

namespace PostRenderer.Stores.TestSupport.Processes;

/// <summary>
/// Runs the real executable: the published single file when TEST_SECRET_POSTRENDERER_BINARY names it (./test.sh
/// does), else the CLI project's own framework-dependent build.
/// </summary>
public sealed record CliProcess(int ExitCode, string Output, string Errors)
{
    public static CliProcess Run(string input, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(Encoding.UTF8.GetBytes(input), arguments, workingDirectory, environment);

    public static CliProcess Run(byte[] input, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(arguments);
        start.WorkingDirectory = workingDirectory ?? Path.GetTempPath();
        // Never read or write the real home's store or config.
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "secret-postrenderer-cli-tests");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var outputBuffer = new MemoryStream();
        var outputTask = process.StandardOutput.BaseStream.CopyToAsync(outputBuffer);
        var errorTask = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        WaitOrKill(process);
        outputTask.Wait();
        return new CliProcess(process.ExitCode, Encoding.UTF8.GetString(outputBuffer.ToArray()), errorTask.Result);
    }

    /// <summary>Waits for a run of the executable (or a shell running it), killing it after 3 minutes.</summary>
    public static void WaitOrKill(Process process)
    {
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("secret-postrenderer did not finish within 3 minutes");
        }
    }

    /// <summary>Starts the executable with stdin and stdout as streams, for tests that feed input as they go.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var binary = Environment.GetEnvironmentVariable("TEST_SECRET_POSTRENDERER_BINARY");
        ProcessStartInfo start;
        if (!string.IsNullOrEmpty(binary))
        {
            start = new ProcessStartInfo(binary);
        }
        else
        {
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(FrameworkDependentBuild());
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>
    /// src/PostRenderer.Cli/bin/&lt;configuration&gt;/&lt;framework&gt;/secret-postrenderer.dll, built by the test project's
    /// reference to the CLI. Not the copy beside the tests: a test project that references the ASP.NET Core framework
    /// (the fakes do) leaves the CLI's Microsoft.Extensions assemblies out of its own output, so that copy cannot start.
    /// </summary>
    private static string FrameworkDependentBuild()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var build = Path.Combine(directory.FullName, "src", "PostRenderer.Cli", "bin", configuration, framework, "secret-postrenderer.dll");
            if (File.Exists(build))
            {
                return build;
            }
        }

        throw new FileNotFoundException($"no build of the CLI above {output.FullName}: build src/PostRenderer.Cli, or set TEST_SECRET_POSTRENDERER_BINARY");
    }
}
