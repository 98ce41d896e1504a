using PostRenderer.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// .pre-commit-hooks.yaml and action.yml, read from the checkout and run the way pre-commit and GitHub Actions run
/// them: a hook's entry with its args and the file names; the composite action's script with its inputs as env.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PreCommitAndActionTests
{
    private const string PlaintextSecret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: e2e-hook-value-41c\n";

    [Fact]
    public void The_verify_hook_fails_on_a_plaintext_Secret_and_passes_on_converted_output()
    {
        using var environment = new IsolatedEnvironment();
        var plaintext = Path.Combine(environment.Root, "secret.yaml");
        File.WriteAllText(plaintext, PlaintextSecret);
        var converted = Path.Combine(environment.Root, "converted.yaml");
        File.WriteAllText(converted, environment.Run(PublishedBinary.Path, ["--no-populate"], PlaintextSecret).EnsureSuccess().Output);

        var failing = RunHook(environment, "secret-postrenderer-verify", [], plaintext);
        var passing = RunHook(environment, "secret-postrenderer-verify", [], converted);

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("db", failing.Output + failing.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("e2e-hook-value-41c", failing.Output + failing.Errors, StringComparison.Ordinal);
        passing.EnsureSuccess();
    }

    [Fact]
    public void The_split_hook_writes_the_GitOps_directory_from_rendered_files()
    {
        using var environment = new IsolatedEnvironment();
        var rendered = Path.Combine(environment.Root, "rendered.yaml");
        File.WriteAllText(rendered, PlaintextSecret);
        var output = Path.Combine(environment.Root, "config-root");

        RunHook(environment, "secret-postrenderer-split", ["--output-dir", output, "--release", "shop", "--no-populate"], rendered).EnsureSuccess();

        var file = Path.Combine(output, "namespaces", "shop", "shop", "db-externalsecret.yaml");
        Assert.True(File.Exists(file), "split wrote no " + file);
    }

    [Fact]
    public void The_action_installs_the_pinned_version_checked_and_puts_it_on_PATH()
    {
        using var environment = new IsolatedEnvironment();
        var release = ReleaseScripts.LocalRelease(environment);
        var version = DeveloperTools.VersionOf(environment, PublishedBinary.Path);
        var githubPath = Path.Combine(environment.Root, "github-path");
        var githubOutput = Path.Combine(environment.Root, "github-output");

        var run = RunAction(environment, version, new Uri(release).AbsoluteUri, githubPath, githubOutput).EnsureSuccess();

        var directory = File.ReadAllText(githubPath).Trim();
        Assert.Equal(version, DeveloperTools.VersionOf(environment, Path.Combine(directory, "secret-postrenderer")));
        Assert.Contains("path=" + Path.Combine(directory, "secret-postrenderer"), File.ReadAllText(githubOutput), StringComparison.Ordinal);
        Assert.Contains("Installed", run.Output, StringComparison.Ordinal);

        var wrongVersion = RunAction(environment, "9.9.9", new Uri(release).AbsoluteUri, githubPath, githubOutput);
        Assert.NotEqual(0, wrongVersion.ExitCode);
    }

    private static ProcessResult RunHook(IsolatedEnvironment environment, string id, string[] args, params string[] files)
    {
        var hooks = (YamlSequenceNode)Load(".pre-commit-hooks.yaml");
        var hook = hooks.Children.Cast<YamlMappingNode>().Single(node => Scalar(node, "id") == id);
        Assert.Equal("system", Scalar(hook, "language"));
        var entry = Scalar(hook, "entry")!.Split(' ');
        // language: system runs the entry from PATH, where IsolatedEnvironment puts the published binary first.
        Assert.Equal("secret-postrenderer", entry[0]);
        return environment.Run(Path.Combine(PublishedBinary.Directory, entry[0]), entry[1..].Concat(args).Concat(files));
    }

    private static ProcessResult RunAction(IsolatedEnvironment environment, string version, string baseUrl, string githubPath, string githubOutput)
    {
        var action = (YamlMappingNode)Load("action.yml");
        var step = (YamlMappingNode)((YamlSequenceNode)RenderedDocument.Child(RenderedDocument.Child(action, "runs"), "steps")!).Children.Single();
        var script = Scalar(step, "run")!;
        environment.Set("VERSION", version).Set("REPOSITORY", "secret-postrenderer/secret-postrenderer").Set("BASE_URL", baseUrl)
            .Set("INSTALL_DIR", Path.Combine(environment.Root, "runner-temp", "secret-postrenderer-bin"))
            .Set("GITHUB_ACTION_PATH", RepositoryPaths.Root).Set("GITHUB_PATH", githubPath).Set("GITHUB_OUTPUT", githubOutput);
        return environment.Run("bash", "-e", "-c", script);
    }

    private static YamlNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file))));
        return stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlNode node, string key) => (RenderedDocument.Child(node, key) as YamlScalarNode)?.Value;
}
