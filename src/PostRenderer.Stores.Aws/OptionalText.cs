namespace PostRenderer.Stores.Aws;

/// <summary>Settings and environment variables that are unset, empty or blank all mean "not given".</summary>
internal static class OptionalText
{
    public static string? Of(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string? Of(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? Of(value) : null;
}
