using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Krm;

/// <summary>
/// Runs the render as a KRM function: the ResourceList's items are the input, its functionConfig the settings (under
/// the command line's), and the answer is a ResourceList of the rendered items with the messages as results.
/// </summary>
public static class KrmFunction
{
    public static int Run(ResourceList list, RunRequest request)
    {
        var messages = new StringWriter { NewLine = "\n" };
        var rendered = new MemoryStream();
        int exitCode;
        try
        {
            var settings = FunctionConfig.Settings(list.FunctionConfig);
            foreach (var (key, value) in request.Sources.CommandLine)
            {
                settings[key] = value;
            }

            using var input = new MemoryStream(list.ItemsAsYaml(), writable: false);
            using var output = StandardStreams.OpenOutput(rendered);
            exitCode = RenderRunner.Run(request with
            {
                Sources = request.Sources with { CommandLine = settings },
                Input = input,
                Output = output,
                Errors = messages,
                WriteToOutput = true,
            });
        }
        catch (ConfigurationException ex)
        {
            messages.WriteLine($"secret-postrenderer: error: {ex.Message}");
            exitCode = ex.ExitCode;
        }

        var results = KrmResults.From(messages.ToString());
        foreach (var line in messages.ToString().Split('\n'))
        {
            // kpt and kustomize show a failing function's stderr: the errors, in the same words as the results.
            if (line.Contains(": error: ", StringComparison.Ordinal))
            {
                request.Errors.WriteLine(line);
            }
        }

        var answer = new MappingNode()
            .Add("apiVersion", ResourceList.ApiVersion)
            .Add("kind", ResourceList.Kind)
            .Add("items", exitCode == ExitCodes.Success ? ResourceList.ItemsOf(rendered.ToArray()) : list.Items);
        if (results.Items.Count > 0)
        {
            answer.Add("results", results);
        }

        new CanonicalEmitter(request.Output).WriteDocument(answer, sourceComment: null);
        return exitCode;
    }
}
