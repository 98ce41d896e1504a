namespace PostRenderer.Cli.Tests;

/// <summary>What the user reads on stderr: every error in words, with the fix; counts in good English; quiet, colour.</summary>
public sealed class MessageTests : IDisposable
{
    private const string Secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: message-test-value-41\n";
    private const string NamespacedSecret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: team\nstringData:\n  password: message-test-value-42\n";

    private readonly string work = Directory.CreateTempSubdirectory("cli-messages-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static string OnlyError(CliProcess run, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, run.Errors);
        var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.Errors);
        Assert.StartsWith("secret-postrenderer: error: ", lines[0], StringComparison.Ordinal);
        return lines[0]["secret-postrenderer: error: ".Length..];
    }

    [Theory]
    [InlineData("--namespce", "unknown option '--namespce'; did you mean --namespace? (see --help)")]
    [InlineData("--no-popluate", "unknown option '--no-popluate'; did you mean --no-populate? (see --help)")]
    [InlineData("--overwrite-exisiting", "unknown option '--overwrite-exisiting'; did you mean --overwrite-existing? (see --help)")]
    [InlineData("--zzzzzz", "unknown option '--zzzzzz' (see --help)")]
    public void An_unknown_option_is_one_line_with_the_name_meant(string option, string message)
    {
        var run = CliProcess.Run(NamespacedSecret, [option, "value"]);
        Assert.Equal(message, OnlyError(run, 2));
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_unknown_option_of_split_suggests_from_splits_options()
    {
        var run = CliProcess.Run(NamespacedSecret, ["split", "--output-dir", work, "--relase", "x"]);
        Assert.Equal("unknown option '--relase'; did you mean --release? (see --help)", OnlyError(run, 2));
    }

    [Fact]
    public void A_mistyped_command_suggests_the_command()
    {
        var run = CliProcess.Run("", ["splti", "--output-dir", "x"], work);
        Assert.Equal("unknown command 'splti'; did you mean split? (see --help)", OnlyError(run, 2));
    }

    [Fact]
    public void A_missing_input_file_is_named_in_words()
    {
        var run = CliProcess.Run("", ["my-ap.yaml"], work);
        Assert.Equal("cannot read my-ap.yaml: no such file", OnlyError(run, 2));
    }

    [Fact]
    public void A_folder_given_as_input_or_config_is_called_a_folder()
    {
        Assert.Equal($"cannot read {work}: it is a folder, not a file", OnlyError(CliProcess.Run("", [work]), 2));
        var config = OnlyError(CliProcess.Run(NamespacedSecret, ["--config", work, "--no-populate"]), 2);
        Assert.Equal($"configuration file {work} is a folder; give --config the YAML file (.secret-postrenderer.yaml) itself", config);
        Assert.DoesNotContain("bug", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_named_in_words()
    {
        var run = CliProcess.Run(NamespacedSecret, ["--config", "nope.yaml"], work);
        Assert.Equal("cannot read configuration file nope.yaml: no such file", OnlyError(run, 2));
    }

    [Fact]
    public void An_unknown_setting_names_its_line_and_the_setting_meant()
    {
        File.WriteAllText(Path.Combine(work, "c.yaml"), "backend: file\nvault:\n  address: https://vault\n  mountt: kv\n");
        var run = CliProcess.Run(NamespacedSecret, ["--config", "c.yaml", "--no-populate"], work);
        Assert.Equal($"unknown setting 'vault.mountt' (in {Path.Combine(work, "c.yaml")}, line 4); did you mean 'vault.mount'?", OnlyError(run, 2));
    }

    [Fact]
    public void Verify_names_the_file_that_failed_to_parse()
    {
        Directory.CreateDirectory(Path.Combine(work, "dir"));
        File.WriteAllText(Path.Combine(work, "dir", "good.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        File.WriteAllText(Path.Combine(work, "dir", "bad.yaml"), "a: [unclosed\n");
        var run = CliProcess.Run("", ["verify", "dir"], work);
        Assert.StartsWith($"{Path.Combine("dir", "bad.yaml")}: document 1 at line 1", OnlyError(run, 2), StringComparison.Ordinal);
        Assert.Equal($"cannot read nope: no such file", OnlyError(CliProcess.Run("", ["verify", "nope"], work), 2));
    }

    [Fact]
    public void An_unreachable_store_suggests_no_populate()
    {
        var run = CliProcess.Run(NamespacedSecret, ["--backend", "vault"], work, new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = "http://127.0.0.1:1",
            ["VAULT_TOKEN"] = "t",
            ["SECRET_POSTRENDERER_RETRIES"] = "0",
        });
        Assert.EndsWith("; to render without touching the store, add --no-populate", OnlyError(run, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_are_singular_for_one()
    {
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = work };
        var first = CliProcess.Run(NamespacedSecret, [], work, environment);
        Assert.Contains("info: 1 document written, 1 Secret converted; 1 entry created, 1 key added, 0 keys already present\n", first.Errors, StringComparison.Ordinal);
        var again = CliProcess.Run(NamespacedSecret.Replace("value-42", "value-43", StringComparison.Ordinal), ["--dry-run", "--overwrite-existing"], work, environment);
        Assert.Contains("dry run: would replace password in file entry 'team/s'", again.Errors, StringComparison.Ordinal);
        Assert.Contains("dry run, nothing written: would create 0 entries, would add 0 keys, would replace 1 key, 0 keys already present", again.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_store_summary_says_where_the_file_is_and_that_eso_cannot_read_it()
    {
        var run = CliProcess.Run(NamespacedSecret, [], work, new Dictionary<string, string> { ["XDG_DATA_HOME"] = work });
        var store = Path.Combine(work, "secret-postrenderer", "secrets.json");
        Assert.Contains($"info: values are in the local file {store}, which External Secrets Operator cannot read; for a cluster, choose --backend vault, aws, parameterstore, gcp, azure or alibaba, or a store under 'stores:'\n", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("External Secrets Operator cannot read", CliProcess.Run(NamespacedSecret, ["--no-populate"]).Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_shows_errors_only()
    {
        var quiet = CliProcess.Run(Secret, ["-q", "--no-populate"]);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Empty(quiet.Errors);
        Assert.Contains("kind: ExternalSecret", quiet.Output, StringComparison.Ordinal);
        var failing = CliProcess.Run("kind: Secret\napiVersion: v1\nmetadata:\n  name: s\n  namespace: a\ndata:\n  k: '%%%'\n", ["--quiet", "--no-populate"]);
        Assert.Equal(2, failing.ExitCode);
        Assert.Contains("error:", failing.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void No_colour_when_stderr_is_not_a_terminal()
    {
        var run = CliProcess.Run(Secret, ["--no-populate"]);
        Assert.DoesNotContain("\u001b[", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_without_namespace_warns_once_that_entries_fall_back_to_default()
    {
        var two = Secret + "---\n" + Secret.Replace("name: s", "name: t", StringComparison.Ordinal);
        var run = CliProcess.Run(two, ["--no-populate"]);
        Assert.Equal(0, run.ExitCode);
        var warnings = run.Errors.Split('\n').Where(line => line.Contains("fall back to 'default/'", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.StartsWith("secret-postrenderer: warning: document 1 at line 1 (Secret s): the Secret has no metadata.namespace", warnings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--namespace", "HELM_NAMESPACE")]
    [InlineData("-n", "ARGOCD_APP_NAMESPACE")]
    public void A_given_namespace_silences_the_warning(string option, string variable)
    {
        Assert.DoesNotContain("fall back", CliProcess.Run(Secret, [option, "team", "--no-populate"]).Errors, StringComparison.Ordinal);
        var fromEnvironment = CliProcess.Run(Secret, ["--no-populate", "--entry-name", "{namespace}/{name}"], environment: new Dictionary<string, string> { [variable] = "argo-ns" });
        Assert.DoesNotContain("fall back", fromEnvironment.Errors, StringComparison.Ordinal);
        Assert.Contains("key: argo-ns/s\n", fromEnvironment.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_makes_the_fallback_an_error()
    {
        var run = CliProcess.Run(Secret, ["--strict", "--no-populate"]);
        Assert.StartsWith("document 1 at line 1 (Secret s): the Secret has no metadata.namespace", OnlyError(run, 2), StringComparison.Ordinal);
        Assert.Equal(0, CliProcess.Run(NamespacedSecret, ["--strict", "--no-populate"]).ExitCode);
    }
}
