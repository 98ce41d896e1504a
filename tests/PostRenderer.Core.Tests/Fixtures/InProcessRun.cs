using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Pipeline;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>Runs the converter in-process exactly as the CLI does (same stream decoding), capturing bytes.</summary>
public sealed record InProcessRun(int ExitCode, string Output, string Errors)
{
    public static InProcessRun Execute(
        byte[] input,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string?>? commandLine = null,
        string? configPath = null)
    {
        var options = new Dictionary<string, string?>(commandLine ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        options.TryAdd("populate", "false");
        var sources = new SettingsSources(workingDirectory, environment ?? new Dictionary<string, string>(), configPath, options) { Registry = TestStores.Registry };
        using var outputBytes = new MemoryStream();
        var errors = new StringWriter();
        int exitCode;
        using (var reader = StandardStreams.OpenInput(new MemoryStream(input)))
        using (var writer = StandardStreams.OpenOutput(outputBytes))
        {
            exitCode = RenderRunner.Run(new RunRequest(sources, reader, writer, errors));
        }

        return new InProcessRun(exitCode, Encoding.UTF8.GetString(outputBytes.ToArray()), errors.ToString());
    }
}
