using System.Collections;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Krm;
using PostRenderer.Core.Pipeline;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Cli;

/// <summary>What a render command was asked, however its command line was read.</summary>
/// <param name="Files">Files to read, "-" for stdin; stdin when empty.</param>
/// <param name="WriteToOutput">False for split, which writes only the GitOps directory.</param>
/// <param name="OutputFile">-o: the YAML goes to this file, replaced only when the run succeeds, instead of stdout.</param>
/// <param name="Quiet">-q: errors only on stderr.</param>
internal sealed record RenderCall(
    string? ConfigPath,
    Dictionary<string, string?> Settings,
    IReadOnlyList<string> Files,
    bool WriteToOutput = true,
    string? OutputFile = null,
    bool Quiet = false);

/// <summary>Connects a render command to the real process: environment, working directory, stdin, stdout, stderr.</summary>
internal static class RenderInvocation
{
    // A ResourceList is read whole, unlike a manifest stream; past this it is rendered as manifests (and refused there).
    private const int MaxResourceListBytes = 256 * 1024 * 1024;

    public static int Run(RenderCall call)
    {
        var environment = ProcessEnvironment();
        var sources = new SettingsSources(Environment.CurrentDirectory, environment, call.ConfigPath, call.Settings) { Registry = Stores.Registry };
        AtomicOutputFile? outputFile = null;
        try
        {
            using var input = OpenInput(call);

            // kustomize and kpt send one ResourceList on stdin and want one back: the same render, as a KRM function.
            var source = (Stream)input;
            var resourceList = call.Files.Count == 0 && call.WriteToOutput ? ResourceList.Detect(input, MaxResourceListBytes, out source) : null;
            outputFile = call.OutputFile is null ? null : AtomicOutputFile.Create(call.OutputFile);
            var output = StandardStreams.OpenOutput(outputFile?.Stream ?? ProcessStreams.OpenOutput());
            int exitCode;
            try
            {
                var request = new RunRequest(sources, source, output, ProcessStreams.Errors)
                {
                    StoreFactories = Stores.Factories,
                    WriteToOutput = call.WriteToOutput,
                    Interruption = new Interruption(InterruptSignals.Install),
                    Quiet = call.Quiet,
                    Colour = Terminal.ColourOnErrors(environment),
                };
                exitCode = resourceList is null ? RenderRunner.Run(request) : KrmFunction.Run(resourceList, request);
            }
            finally
            {
                // Flushes what is left; for -o, before the file is put in place.
                output.Dispose();
            }

            if (exitCode == ExitCodes.Success)
            {
                outputFile?.Commit();
            }

            return exitCode;
        }
        catch (UserException ex)
        {
            // The render reports its own failures; these are the input files, the -o file, or stdout failing as what
            // was left is flushed on the way out.
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {ex.Message}");
            return ex.ExitCode;
        }
        finally
        {
            outputFile?.Dispose();
        }
    }

    private static Stream OpenInput(RenderCall call)
    {
        var readsStdin = call.Files.Count == 0 || call.Files.Contains(FileSequenceStream.StandardInputName);
        if (readsStdin && Terminal.InputIsTerminal && !call.Quiet)
        {
            ProcessStreams.Errors.WriteLine(Terminal.InputHint);
        }

        var stdin = readsStdin ? new EndOfInputLatch(ProcessStreams.OpenInput()) : null;
        return call.Files.Count == 0 ? StandardStreams.OpenInput(stdin!) : new FileSequenceStream(call.Files) { StandardInput = stdin };
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
