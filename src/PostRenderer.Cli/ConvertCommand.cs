using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>The default command: files (or stdin) to stdout or -o FILE, optionally also into a GitOps directory.</summary>
internal static class ConvertCommand
{
    public static RenderOptions Configure(Command root)
    {
        var options = new RenderOptions(root, "also write one file per resource here, in the GitOps layout");
        var output = new Option<string?>("--output", "-o") { Description = "write the YAML to this file instead of stdout, replacing it only when the run succeeds" };
        var files = FileArguments.AddTo(root);
        root.Options.Add(output);
        root.SetAction(parseResult => RenderInvocation.Run(new RenderCall(
            parseResult.GetValue(options.Config),
            options.ToSettings(parseResult),
            parseResult.GetValue(files) ?? [],
            OutputFile: parseResult.GetValue(output),
            Quiet: parseResult.GetValue(options.Quiet))));
        return options;
    }

    /// <summary>Runs the default command with the settings its options gave.</summary>
    public static int Run(string? configPath, Dictionary<string, string?> settings) =>
        RenderInvocation.Run(new RenderCall(configPath, settings, Files: []));
}
