using System.Diagnostics;

namespace PostRenderer.Cli.Tests;

/// <summary>The command-line habits of kubectl and friends: files and -, -o, -n, completion, --help that matches the README.</summary>
public sealed class ConventionTests : IDisposable
{
    private const string Secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: team\nstringData:\n  password: convention-test-value-5\n";
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team\n";

    private readonly string work = Directory.CreateTempSubdirectory("cli-conventions-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Files_given_as_arguments_are_read_in_order_and_dash_is_stdin()
    {
        File.WriteAllText(Path.Combine(work, "a.yaml"), ConfigMap);
        var run = CliProcess.Run(Secret, ["--no-populate", "a.yaml", "-"], work);
        Assert.Equal(0, run.ExitCode);
        var configMap = run.Output.IndexOf("kind: ConfigMap", StringComparison.Ordinal);
        var externalSecret = run.Output.IndexOf("kind: ExternalSecret", StringComparison.Ordinal);
        Assert.True(configMap >= 0 && externalSecret > configMap, run.Output);
    }

    [Fact]
    public void Output_file_is_written_only_when_the_run_succeeds()
    {
        var target = Path.Combine(work, "app.yaml");
        var run = CliProcess.Run(Secret, ["--no-populate", "-o", "app.yaml"], work);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("kind: ExternalSecret", File.ReadAllText(target), StringComparison.Ordinal);

        File.WriteAllText(target, "previous render\n");
        var failed = CliProcess.Run(Secret + "---\nkind: Secret\napiVersion: v1\nmetadata:\n  name: bad\n  namespace: team\ndata:\n  k: '%%%'\n", ["--no-populate", "--output", "app.yaml"], work);
        Assert.Equal(2, failed.ExitCode);
        Assert.Equal("previous render\n", File.ReadAllText(target));
        Assert.Equal(["app.yaml"], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName));
    }

    [Fact]
    public void Dash_n_is_namespace()
    {
        var run = CliProcess.Run(Secret.Replace("  namespace: team\n", "", StringComparison.Ordinal), ["-n", "shop", "--no-populate"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("key: shop/s\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_help_lists_only_options_that_apply_to_split()
    {
        var help = CliProcess.Run("", ["split", "--help"]).Output;
        Assert.Contains("--output-dir", help, StringComparison.Ordinal);
        Assert.Contains("--quiet", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--preserve", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--output ", help, StringComparison.Ordinal);
        Assert.Contains("--preserve", CliProcess.Run("", ["--help"]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_examples_are_the_readme_s()
    {
        var help = CliProcess.Run("", ["--help"]).Output;
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (var example in new[]
        {
            "--post-renderer-args=--namespace --post-renderer-args=team",
            "helm template app ./chart -n team | secret-postrenderer --namespace team > app.yaml",
            "postRendererArgs: [--namespace, \"{{ .Release.Namespace }}\"]",
            "secret-postrenderer split --output-dir config-root",
            "secret-postrenderer verify config-root",
        })
        {
            Assert.Contains(example, help, StringComparison.Ordinal);
            Assert.Contains(example, readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    [InlineData("pwsh")]
    public void Completion_prints_a_script_naming_the_commands_and_options(string shell)
    {
        var run = CliProcess.Run("", ["completion", shell]);
        Assert.Equal(0, run.ExitCode);
        foreach (var word in new[] { "split", "verify", "namespace", "no-populate", "output-dir" })
        {
            Assert.Contains(word, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bash_completion_completes_options_and_subcommands()
    {
        var script = Path.Combine(work, "completion.bash");
        File.WriteAllText(script, CliProcess.Run("", ["completion", "bash"]).Output);
        Assert.Equal("--namespace", Complete(script, "secret-postrenderer --names"));
        Assert.Equal("split", Complete(script, "secret-postrenderer spl"));
        Assert.Equal("--release", Complete(script, "secret-postrenderer split --rel"));
        Assert.Equal("", Complete(script, "secret-postrenderer split --preser"));
    }

    [Fact]
    public void Completion_refuses_an_unknown_shell()
    {
        var run = CliProcess.Run("", ["completion", "tcsh"]);
        Assert.Equal(2, run.ExitCode);
    }

    // Runs the script's completion function as bash would for the words typed, and returns what it offers.
    private static string Complete(string script, string line)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("source \"$1\"; COMP_WORDS=($2); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _secret_postrenderer; echo \"${COMPREPLY[*]}\"");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(line);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PostRenderer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
    }
}
