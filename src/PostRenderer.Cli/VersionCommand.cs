using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PostRenderer.Cli;

/// <summary>
/// `version` and `--version`: one line with the version (the release tag, stamped by the build), the commit it was
/// built from and how it was built, so a bug report says exactly which binary ran and install.sh can check it.
/// </summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version, the commit it was built from and the kind of build, on one line.");
        command.SetAction(_ => Print());
        return command;
    }

    /// <summary>Makes the root's --version print the same line as `version` instead of the bare version.</summary>
    public static void ReplaceVersionOption(Command root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion();
        }
    }

    /// <summary>For example "secret-postrenderer 0.2.0 (commit 1a2b3c4d5e6f, single-file, linux-x64)".</summary>
    internal static string Describe()
    {
        var assembly = typeof(VersionCommand).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var commit = Metadata(assembly, "SourceRevisionId");
        var shortCommit = string.IsNullOrEmpty(commit) ? "unknown" : commit[..Math.Min(12, commit.Length)];
        var buildKind = Metadata(assembly, "BuildKind");
        return $"{RootCommand.ExecutableName} {version} (commit {shortCommit}, {(string.IsNullOrEmpty(buildKind) ? "unknown build" : buildKind)}, {RuntimeInformation.RuntimeIdentifier})";
    }

    private static string? Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(attribute => attribute.Key == key)?.Value;

    private static int Print()
    {
        Console.Out.WriteLine(Describe());
        return 0;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => Print();
    }
}
