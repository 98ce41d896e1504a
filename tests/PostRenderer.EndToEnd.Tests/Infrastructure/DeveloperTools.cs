namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Settings for tests that run dotnet itself (install.sh --local, dotnet pack, dotnet tool): the real home,
/// where the SDK keeps its NuGet cache (an empty one would re-download every package), while the
/// converter's store and helm's files stay in the isolated directories.
/// </summary>
public static class DeveloperTools
{
    public static IsolatedEnvironment WithRealDotnetHome(this IsolatedEnvironment environment) =>
        environment.Set("HOME", Environment.GetEnvironmentVariable("HOME"));

    /// <summary>
    /// The version `secret-postrenderer --version` reports: the second word of "secret-postrenderer VERSION (commit
    /// ..., BUILD KIND, RID)", the part every way of installing one release has in common.
    /// </summary>
    public static string VersionOf(IsolatedEnvironment environment, string binary) =>
        environment.Run(binary, "--version").EnsureSuccess().Output.Trim().Split(' ')[1];
}
