namespace PostRenderer.Core.Configuration;

/// <summary>The inputs settings are made from; the CLI fills it from the real process, tests from fakes.</summary>
/// <param name="WorkingDirectory">Where the file lookup starts.</param>
/// <param name="Environment">The process environment.</param>
/// <param name="ConfigPath">--config, if given.</param>
/// <param name="CommandLine">Settings given as options, in configuration-key form (e.g. <c>secretStoreRef:name</c>).</param>
public sealed record SettingsSources(
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? ConfigPath,
    IReadOnlyDictionary<string, string?> CommandLine)
{
    /// <summary>The stores whose settings can be read: the CLI's list; by default only the local file store.</summary>
    public StoreRegistry Registry { get; init; } = StoreRegistry.BuiltIn;
}
