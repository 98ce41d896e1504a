namespace PostRenderer.Cli;

/// <summary>One option: its name, the configuration key it sets, its help text, and (for a flag) the value it sets.</summary>
internal sealed record OptionSpec(string Name, string Key, string Description, string FlagValue = "true");
