namespace PostRenderer.Cli;

/// <summary>One option: its name, the configuration key it sets, its help text, and (for a flag) the value it sets.</summary>
/// <param name="Alias">A short name, such as kubectl's -n for --namespace.</param>
/// <param name="StdoutOnly">Changes only what is written to stdout, so split, which writes none, does not offer it.</param>
internal sealed record OptionSpec(string Name, string Key, string Description, string FlagValue = "true", string? Alias = null, bool StdoutOnly = false);
