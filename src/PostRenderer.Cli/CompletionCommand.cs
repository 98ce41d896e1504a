using System.CommandLine;
using System.Text;

namespace PostRenderer.Cli;

/// <summary>
/// `completion SHELL`: prints a script that completes the commands and options of this program in bash, zsh, fish or
/// PowerShell. The scripts are made from the command definitions themselves, so they never fall behind them.
/// </summary>
internal static class CompletionCommand
{
    private const string Program = "secret-postrenderer";
    private static readonly string[] Shells = ["bash", "zsh", "fish", "pwsh"];

    public static Command Create(Func<Command> definitions)
    {
        var command = new Command("completion", "Print a shell completion script: source <(secret-postrenderer completion bash), "
            + "secret-postrenderer completion fish | source, or add it to your shell's startup file.");
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" };
        shell.AcceptOnlyFromAmong(Shells);
        command.Arguments.Add(shell);
        command.SetAction(parseResult =>
        {
            var root = definitions();
            var script = parseResult.GetValue(shell) switch
            {
                "bash" => Bash(root),
                "zsh" => "#compdef secret-postrenderer\nautoload -U +X bashcompinit && bashcompinit\n" + Bash(root),
                "fish" => Fish(root),
                _ => PowerShell(root),
            };
            Console.Out.Write(script);
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> Names(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }
    }

    private static string Words(Command command, bool withSubcommands) =>
        string.Join(' ', (withSubcommands ? command.Subcommands.Select(sub => sub.Name) : []).Concat(Names(command)).Append("--help"));

    private static string Bash(Command root)
    {
        var script = new StringBuilder();
        script.Append("# bash completion for secret-postrenderer: source <(secret-postrenderer completion bash)\n");
        script.Append("_secret_postrenderer() {\n");
        script.Append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" command=\"\" i words\n");
        script.Append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
        script.Append("    case \"${COMP_WORDS[i]}\" in ").Append(string.Join('|', root.Subcommands.Select(sub => sub.Name))).Append(") command=\"${COMP_WORDS[i]}\"; break;; esac\n");
        script.Append("  done\n");
        script.Append("  case \"$command\" in\n");
        foreach (var sub in root.Subcommands)
        {
            var words = sub.Name == "completion" ? string.Join(' ', Shells) : Words(sub, withSubcommands: false);
            script.Append("    ").Append(sub.Name).Append(") words=\"").Append(words).Append("\";;\n");
        }

        script.Append("    *) words=\"").Append(Words(root, withSubcommands: true)).Append("\";;\n");
        script.Append("  esac\n");
        script.Append("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n");
        script.Append("}\n");
        script.Append("complete -o default -F _secret_postrenderer ").Append(Program).Append('\n');
        return script.ToString();
    }

    private static string Fish(Command root)
    {
        var script = new StringBuilder("# fish completion for secret-postrenderer: secret-postrenderer completion fish | source\n");
        var commands = string.Join(' ', root.Subcommands.Select(sub => sub.Name));
        script.Append($"complete -c {Program} -n \"not __fish_seen_subcommand_from {commands}\" -a \"{commands}\"\n");
        AppendFishOptions(script, root, $"not __fish_seen_subcommand_from {commands}");
        foreach (var sub in root.Subcommands)
        {
            AppendFishOptions(script, sub, $"__fish_seen_subcommand_from {sub.Name}");
        }

        script.Append($"complete -c {Program} -n \"__fish_seen_subcommand_from completion\" -f -a \"{string.Join(' ', Shells)}\"\n");
        return script.ToString();
    }

    private static void AppendFishOptions(StringBuilder script, Command command, string condition)
    {
        foreach (var option in command.Options)
        {
            script.Append($"complete -c {Program} -n \"{condition}\" -l {option.Name.TrimStart('-')}");
            foreach (var alias in option.Aliases.Where(alias => alias.Length == 2))
            {
                script.Append($" -s {alias[1]}");
            }

            script.Append(option.ValueType == typeof(bool) ? "" : " -r");
            script.Append($" -d '{(option.Description ?? "").Replace("'", "\\'", StringComparison.Ordinal)}'\n");
        }
    }

    private static string PowerShell(Command root)
    {
        var script = new StringBuilder("# PowerShell completion for secret-postrenderer: secret-postrenderer completion pwsh | Out-String | Invoke-Expression\n");
        script.Append($"Register-ArgumentCompleter -Native -CommandName {Program} -ScriptBlock {{\n");
        script.Append("    param($wordToComplete, $commandAst, $cursorPosition)\n");
        script.Append("    $words = @{\n");
        foreach (var sub in root.Subcommands)
        {
            var words = sub.Name == "completion" ? string.Join(' ', Shells) : Words(sub, withSubcommands: false);
            script.Append($"        '{sub.Name}' = '{words}'\n");
        }

        script.Append($"        '' = '{Words(root, withSubcommands: true)}'\n");
        script.Append("    }\n");
        script.Append("    $command = ''\n");
        script.Append("    foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) { if ($words.ContainsKey(\"$element\")) { $command = \"$element\"; break } }\n");
        script.Append("    $words[$command] -split ' ' | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n");
        script.Append("        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n");
        script.Append("    }\n");
        script.Append("}\n");
        return script.ToString();
    }
}
