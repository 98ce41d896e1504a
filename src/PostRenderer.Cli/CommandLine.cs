using System.CommandLine;

namespace PostRenderer.Cli;

/// <summary>Wires the commands; each command's options and handler live in its own file.</summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(HelpText.Description);
        ConvertCommand.Configure(root);
        root.Subcommands.Add(SplitCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        return root;
    }
}
