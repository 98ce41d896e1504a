using System.CommandLine;
using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Cli;

/// <summary>The FILES argument of the render commands: YAML files to read, "-" for stdin, stdin when none.</summary>
internal static class FileArguments
{
    public static Argument<string[]> AddTo(Command command)
    {
        var files = new Argument<string[]>("files") { Description = "YAML files to read, - for stdin (default: stdin)", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(files);

        // An unknown option would otherwise be taken for a file name: say it is an option, and which one was meant.
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                {
                    result.AddError(UsageError.UnknownOption(token.Value, command));
                    return;
                }

                // A mistyped command (splti) is no file either.
                if (!File.Exists(token.Value) && !Directory.Exists(token.Value)
                    && Suggestion.Closest(token.Value, command.Subcommands.Select(sub => sub.Name)) is { } meant)
                {
                    result.AddError($"unknown command '{token.Value}'; did you mean {meant}?");
                    return;
                }
            }
        });
        return files;
    }
}
