namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>The helm command lines the tests run, spelled the way the README tells users to.</summary>
public static class Helm
{
    /// <summary>One `--post-renderer-args=ARG` per argument: the `=` form keeps helm from reading `--x` as its own flag.</summary>
    public static IEnumerable<string> PostRendererArgs(params string[] arguments) =>
        arguments.Select(argument => "--post-renderer-args=" + argument);

    /// <summary>Helm 3: `--post-renderer` is the path of an executable; here, the published binary.</summary>
    public static ProcessResult Helm3Template(IsolatedEnvironment environment, string release, string chart, params IEnumerable<string>[] more) =>
        environment.Run(
            HelmBinaries.Helm3,
            new[] { "template", release, RepositoryPaths.Chart(chart), "--post-renderer", PublishedBinary.Path }.Concat(more.SelectMany(part => part)));

    /// <summary>Plain `helm template`, no post-renderer: the input of the shell-pipe form.</summary>
    public static ProcessResult Helm3TemplateOnly(IsolatedEnvironment environment, string release, string chart, params string[] more) =>
        environment.Run(HelmBinaries.Helm3, new[] { "template", release, RepositoryPaths.Chart(chart) }.Concat(more)).EnsureSuccess();

    /// <summary>Helm 4: `--post-renderer` names an installed postrenderer/v1 plugin.</summary>
    public static ProcessResult Helm4Template(IsolatedEnvironment environment, string release, string chart, params IEnumerable<string>[] more) =>
        environment.Run(
            HelmBinaries.Helm4,
            new[] { "template", release, RepositoryPaths.Chart(chart), "--post-renderer", "secret-postrenderer" }.Concat(more.SelectMany(part => part)));

    /// <summary>`helm plugin install DIR` into the environment's own HELM_DATA_HOME, as a user would.</summary>
    public static void Helm4InstallPlugin(IsolatedEnvironment environment, string pluginDirectory) =>
        environment.Run(HelmBinaries.Helm4, "plugin", "install", pluginDirectory).EnsureSuccess();

    public static IEnumerable<string> Flags(params string[] flags) => flags;
}
