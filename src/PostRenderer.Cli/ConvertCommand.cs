using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>The default command: stdin to stdout, optionally also into a GitOps directory.</summary>
internal static class ConvertCommand
{
    public static RenderOptions Configure(Command root)
    {
        var options = new RenderOptions(root, "also write one file per resource here, in the GitOps layout");
        root.SetAction(parseResult => Run(parseResult.GetValue(options.Config), options.ToSettings(parseResult)));
        return options;
    }

    /// <summary>Runs the default command with the settings its options gave.</summary>
    public static int Run(string? configPath, Dictionary<string, string?> settings) =>
        RenderInvocation.Run(configPath, settings, files: [], writeToOutput: true);
}
