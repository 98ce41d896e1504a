using System.Collections;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;

namespace PostRenderer.Cli;

/// <summary>Connects a render command to the real process: environment, working directory, stdin, stdout, stderr.</summary>
internal static class RenderInvocation
{
    public static int Run(string? configPath, Dictionary<string, string?> commandLine, IReadOnlyList<string> files, bool writeToOutput)
    {
        var sources = new SettingsSources(Environment.CurrentDirectory, ProcessEnvironment(), configPath, commandLine);
        using var input = files.Count == 0 ? StandardStreams.OpenInput(Console.OpenStandardInput()) : new FileSequenceReader(files);
        using var output = StandardStreams.OpenOutput(Console.OpenStandardOutput());
        try
        {
            var request = new RunRequest(sources, input, output, Console.Error) { StoreFactories = StoreFactories.All, WriteToOutput = writeToOutput };
            return RenderRunner.Run(request);
        }
        catch (IOException ex)
        {
            // stdout closed early (e.g. piped into head): nothing more can be delivered.
            Console.Error.WriteLine($"secret-postrenderer: error: cannot write output: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    public static Dictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return result;
    }
}
