using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>`split`: render files (or stdin) into a GitOps directory, one file per resource, and nothing to stdout.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var command = new Command("split", "Render YAML files (stdin when none) into --output-dir, one canonical file per resource: "
            + "namespaces/NS/RELEASE/NAME-KIND.yaml, cluster/resources/RELEASE/..., customresourcedefinitions/RELEASE/.... "
            + "The directory changes only if the whole run succeeds.");
        var options = new RenderOptions(command, "the GitOps directory to write (required)", writesStdout: false);
        options.OutputDir.Required = true;
        var files = FileArguments.AddTo(command);
        command.SetAction(parseResult => RenderInvocation.Run(new RenderCall(
            parseResult.GetValue(options.Config),
            options.ToSettings(parseResult),
            parseResult.GetValue(files) ?? [],
            WriteToOutput: false,
            Quiet: parseResult.GetValue(options.Quiet))));
        return command;
    }
}
