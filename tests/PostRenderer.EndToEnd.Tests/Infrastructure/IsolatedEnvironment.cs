namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A throw-away home for one test: HOME, the XDG directories (so the local file store lands here, never in
/// the real home), helm's data/config/cache/plugin directories, and a PATH that finds the published binary
/// first. Variables inherited from the test runner that would change what helm or the converter do
/// (SECRET_POSTRENDERER_*, HELM_*) are removed from what the child processes see.
/// </summary>
public sealed class IsolatedEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> variables = new(StringComparer.Ordinal);

    public IsolatedEnvironment()
    {
        Root = Directory.CreateTempSubdirectory("secret-postrenderer-e2e-").FullName;
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            // TEST_SECRET_POSTRENDERER_BINARY above all: the converter reads every SECRET_POSTRENDERER_* as a setting.
            if (name.StartsWith("SECRET_POSTRENDERER_", StringComparison.Ordinal) || name.StartsWith("HELM_", StringComparison.Ordinal))
            {
                variables[name] = null;
            }
        }

        Set("HOME", Subdirectory("home"));
        Set("XDG_DATA_HOME", Subdirectory("xdg-data"));
        Set("XDG_CONFIG_HOME", Subdirectory("xdg-config"));
        Set("XDG_CACHE_HOME", Subdirectory("xdg-cache"));
        Set("HELM_DATA_HOME", Subdirectory("helm-data"));
        Set("HELM_CONFIG_HOME", Subdirectory("helm-config"));
        Set("HELM_CACHE_HOME", Subdirectory("helm-cache"));
        // helm 4 installs plugins into $HELM_DATA_HOME/plugins whatever HELM_PLUGINS says, but loads them
        // from HELM_PLUGINS: the two must agree.
        Set("HELM_PLUGINS", Path.Combine(variables["HELM_DATA_HOME"]!, "plugins"));
        PrependToPath(PublishedBinary.Directory);
    }

    public string Root { get; }

    public string HelmPlugins => variables["HELM_PLUGINS"]!;

    public IReadOnlyDictionary<string, string?> Variables => variables;

    /// <summary>Where the converter's default local file store lives under this environment.</summary>
    public string FileStorePath => Path.Combine(variables["XDG_DATA_HOME"]!, "secret-postrenderer", "secrets.json");

    public string Subdirectory(string name)
    {
        var path = Path.Combine(Root, name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public IsolatedEnvironment Set(string name, string? value)
    {
        variables[name] = value;
        return this;
    }

    public IsolatedEnvironment PrependToPath(string directory)
    {
        var current = variables.TryGetValue("PATH", out var set) ? set : Environment.GetEnvironmentVariable("PATH");
        variables["PATH"] = directory + Path.PathSeparator + current;
        return this;
    }

    /// <param name="limit">How long it may run (default 5 minutes); longer only for a build known to take longer.</param>
    public ProcessResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null, TimeSpan? limit = null) =>
        ProcessRunner.Run(fileName, arguments, variables, standardInput, workingDirectory, limit);

    public ProcessResult Run(string fileName, params string[] arguments) => Run(fileName, (IEnumerable<string>)arguments);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; a failing Dispose would hide the test's own result.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
