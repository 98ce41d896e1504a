using System.CommandLine;
using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Cli;

/// <summary>
/// One line for a command line System.CommandLine could not parse. It reports every unknown token as its own
/// error (and the value after an unknown option as another); the user needs the first, and the name they meant.
/// </summary>
internal static class UsageError
{
    public static string Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                return UnknownOption(token, command);
            }
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return $"unexpected argument '{token}'{Suggestion.DidYouMean(token, command.Subcommands.Select(sub => sub.Name))}";
        }

        return parsed.Errors[0].Message;
    }

    public static string UnknownOption(string token, Command command)
    {
        var name = token.Split('=', ':')[0];
        return $"unknown option '{name}'{Suggestion.DidYouMean(name, OptionNames(command))}";
    }

    private static IEnumerable<string> OptionNames(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option.Name;
        }
    }
}
