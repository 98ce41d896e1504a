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
        var options = new RenderOptions(command, "the GitOps directory to write (required)");
        options.OutputDir.Required = true;
        var files = new Argument<string[]>("files") { Description = "YAML files to read; stdin when none", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(files);
        command.SetAction(parseResult =>
            RenderInvocation.Run(parseResult.GetValue(options.Config), options.ToSettings(parseResult), parseResult.GetValue(files) ?? [], writeToOutput: false));
        return command;
    }
}
