namespace PostRenderer.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("cli-command-line-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private const string Secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: cli-test-secret-value-777\n";

    [Fact]
    public void Help_shows_usage_with_helm_helmfile_and_pipe_examples()
    {
        var run = CliProcess.Run("", ["--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--post-renderer secret-postrenderer", run.Output, StringComparison.Ordinal);
        Assert.Contains("postRendererArgs", run.Output, StringComparison.Ordinal);
        Assert.Contains("helm template app ./chart | secret-postrenderer", run.Output, StringComparison.Ordinal);
        Assert.Contains("--no-populate", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = CliProcess.Run("", ["--version"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^secret-postrenderer \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{12}|unknown), [a-z-]+( build)?, [a-z0-9-]+\)\n$", run.Output);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var run = CliProcess.Run(Secret, ["--no-such-option"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("--no-such-option", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdout_carries_only_yaml_and_messages_go_to_stderr()
    {
        var run = CliProcess.Run(Secret, ["--no-populate"]);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-postrenderer:", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 Secret converted", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-test-secret-value-777", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_configuration()
    {
        var run = CliProcess.Run(Secret, ["--no-populate", "--format", "eso-v1beta1", "--store-name", "vault", "--store-kind", "SecretStore", "--namespace", "team", "--refresh-interval", "10m", "--entry-name", "apps/{namespace}/{name}"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("apiVersion: external-secrets.io/v1beta1", run.Output, StringComparison.Ordinal);
        Assert.Contains("kind: SecretStore\n    name: vault\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: apps/team/s\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("refreshInterval: \"10m\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_option_value_is_exit_code_2_naming_the_setting()
    {
        var run = CliProcess.Run(Secret, ["--format", "eso-v3"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("setting 'format' is 'eso-v3'", run.Errors, StringComparison.Ordinal);
        Assert.Contains("from the command line", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_gives_empty_output_and_comment_only_input_fails()
    {
        var empty = CliProcess.Run("", ["--no-populate"]);
        Assert.Equal(0, empty.ExitCode);
        Assert.Empty(empty.Output);

        var comments = CliProcess.Run("# nothing\n---\n", ["--no-populate"]);
        Assert.Equal(2, comments.ExitCode);
        Assert.Empty(comments.Output);
    }

    [Fact]
    public void Log_file_receives_the_same_messages()
    {
        var log = Path.Combine(work, "render.log");
        var run = CliProcess.Run("a: [", ["--no-populate", "--log-file", log]);
        Assert.Equal(2, run.ExitCode);
        var logged = File.ReadAllText(log);
        Assert.Contains("error: document 1 at line 1: invalid YAML", logged, StringComparison.Ordinal);
        Assert.Equal(run.Errors.Trim(), logged.Trim());

        var fromEnvironment = Path.Combine(Path.GetDirectoryName(log)!, "env.log");
        CliProcess.Run(Secret, ["--no-populate"], environment: new Dictionary<string, string> { ["SECRET_POSTRENDERER_LOG_FILE"] = fromEnvironment });
        Assert.Contains("1 Secret converted", File.ReadAllText(fromEnvironment), StringComparison.Ordinal);
    }

    [Fact]
    public void Population_writes_the_local_file_store_by_default()
    {
        var home = work;
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = home };
        var first = CliProcess.Run(Secret, [], environment: environment);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("1 entry created, 1 key added", first.Errors, StringComparison.Ordinal);
        var store = File.ReadAllText(Path.Combine(home, "secret-postrenderer", "secrets.json"));
        Assert.Contains("cli-test-secret-value-777", store, StringComparison.Ordinal);

        var second = CliProcess.Run(Secret.Replace("777", "888", StringComparison.Ordinal), [], environment: environment);
        Assert.Equal(first.Output, second.Output);
        Assert.Contains("already has password; left as it is", second.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("888", File.ReadAllText(Path.Combine(home, "secret-postrenderer", "secrets.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_writes_nothing_and_says_what_it_would_do()
    {
        var home = work;
        var run = CliProcess.Run(Secret, ["--dry-run"], environment: new Dictionary<string, string> { ["XDG_DATA_HOME"] = home });
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dry run: would create file entry 'default/s' with password", run.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(home, "secret-postrenderer")));
    }
}
