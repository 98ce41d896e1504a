namespace PostRenderer.Core.Configuration;

/// <summary>The local JSON file store, for development and demos.</summary>
public sealed record FileStoreSettings
{
    /// <summary>The JSON file; relative paths are resolved against the working directory.</summary>
    public string Path { get; init; } = DefaultPath();

    // Outside any git work tree by default, so that a demo store is never committed by accident.
    private static string DefaultPath()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(dataHome, "secret-postrenderer", "secrets.json");
    }
}
