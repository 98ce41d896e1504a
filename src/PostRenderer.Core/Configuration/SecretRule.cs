namespace PostRenderer.Core.Configuration;

/// <summary>
/// Settings for the Secrets whose name and namespace match the globs. The first matching rule applies.
/// </summary>
internal sealed record SecretRule
{
    public required string NamePattern { get; init; }

    public string? NamespacePattern { get; init; }

    public bool Exclude { get; init; }

    public Backend? Backend { get; init; }

    /// <summary>The name of a store under <c>stores:</c>; wins over <see cref="Backend"/>.</summary>
    public string? Store { get; init; }

    public SecretStoreRef? SecretStoreRef { get; init; }

    public string? EntryName { get; init; }

    public IReadOnlyList<string> Unsecured { get; init; } = [];

    public IReadOnlyList<KeyRule> Keys { get; init; } = [];

    public bool Matches(string name, string @namespace) =>
        Glob.IsMatch(NamePattern, name) && (NamespacePattern is null || Glob.IsMatch(NamespacePattern, @namespace));

    public KeyRule? KeyRuleFor(string key) => Keys.FirstOrDefault(rule => rule.Name == key);
}
