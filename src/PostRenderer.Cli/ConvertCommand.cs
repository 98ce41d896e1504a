using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>The default command: stdin to stdout, optionally also into a GitOps directory.</summary>
internal static class ConvertCommand
{
    public static RenderOptions Configure(Command root)
    {
        var options = new RenderOptions(root, "also write one file per resource here, in the GitOps layout");
        root.SetAction(parseResult =>
            RenderInvocation.Run(parseResult.GetValue(options.Config), options.ToSettings(parseResult), files: [], writeToOutput: true));
        return options;
    }
}
