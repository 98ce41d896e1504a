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
        try
        {
            using var input = files.Count == 0 ? StandardStreams.OpenInput(ProcessStreams.OpenInput()) : new FileSequenceStream(files);
            using var output = StandardStreams.OpenOutput(ProcessStreams.OpenOutput());
            var request = new RunRequest(sources, input, output, ProcessStreams.Errors)
            {
                StoreFactories = StoreFactories.All,
                WriteToOutput = writeToOutput,
                Interruption = new Interruption(InterruptSignals.Install),
            };
            return RenderRunner.Run(request);
        }
        catch (StandardStreamException ex)
        {
            // The render reports its own failures; this is stdout failing only as what was left is flushed on the way out.
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {ex.Message}");
            return ex.ExitCode;
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
