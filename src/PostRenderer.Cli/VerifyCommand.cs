using System.CommandLine;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Verification;

namespace PostRenderer.Cli;

/// <summary>`verify`: fail when YAML about to be committed holds a Secret with data (a pre-commit hook, a CI step).</summary>
internal static class VerifyCommand
{
    private static readonly string[] YamlExtensions = [".yaml", ".yml"];

    public static Command Create()
    {
        var command = new Command("verify", "Exit 1 and list file, document and name of every plaintext Secret with data in the YAML files "
            + "(directories are searched for *.yaml and *.yml; stdin when no path is given); exit 0 when there is none.");
        var paths = new Argument<string[]>("paths") { Description = "files or directories; stdin when none", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(paths);
        command.SetAction(parseResult => Run(parseResult.GetValue(paths) ?? []));
        return command;
    }

    private static int Run(IReadOnlyList<string> paths)
    {
        var maxDocumentSize = new Settings().MaxDocumentSize;
        var findings = 0;
        var source = "<stdin>";
        try
        {
            if (paths.Count == 0)
            {
                using var input = StandardStreams.OpenInput(ProcessStreams.OpenInput());
                findings += Report(PlaintextSecretScanner.Scan(input, source, maxDocumentSize));
            }

            foreach (var file in paths.SelectMany(Expand))
            {
                source = file;
                using var input = StandardStreams.OpenInput(File.OpenRead(file));
                findings += Report(PlaintextSecretScanner.Scan(input, file, maxDocumentSize));
            }
        }
        catch (UserException ex)
        {
            // The document's own message says where in the file; the file is this one.
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: {source}: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: cannot read {source}: {FileSystemErrors.Reason(ex, source)}");
            return FileSystemErrors.ExitCodeFor(ex);
        }

        if (findings > 0)
        {
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: {Words.Count(findings, "plaintext Secret", "plaintext Secrets")} found; convert them (secret-postrenderer) before committing");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static int Report(IEnumerable<string> findings)
    {
        var count = 0;
        foreach (var finding in findings)
        {
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: {finding}");
            count++;
        }

        return count;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(file => YamlExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Where(file => !file.Split(Path.DirectorySeparatorChar).Contains(".git"))
                .Order(StringComparer.Ordinal)
            : [path];
}
