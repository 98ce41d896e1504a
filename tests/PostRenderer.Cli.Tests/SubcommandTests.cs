namespace PostRenderer.Cli.Tests;

public sealed class SubcommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("cli-subcommand-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private const string Rendered = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: subcommand-secret-value-3\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

    [Fact]
    public void Split_reads_files_and_writes_only_the_directory()
    {
        File.WriteAllText(Path.Combine(work, "a.yaml"), Rendered);
        File.WriteAllText(Path.Combine(work, "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop");

        var run = CliProcess.Run("", ["split", "--output-dir", "gitops", "--release", "shop", "--no-populate", "a.yaml", "b.yaml"], work);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
        var files = Directory.EnumerateFiles(Path.Combine(work, "gitops"), "*.yaml", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Path.Combine(work, "gitops"), path)).Order(StringComparer.Ordinal);
        Assert.Equal(["cluster/resources/shop/shop-namespace.yaml", "namespaces/shop/shop/cfg-configmap.yaml", "namespaces/shop/shop/db-externalsecret.yaml"], files);
    }

    [Fact]
    public void Split_needs_an_output_directory()
    {
        var run = CliProcess.Run(Rendered, ["split"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--output-dir", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_dir_on_the_main_command_writes_both()
    {
        var run = CliProcess.Run(Rendered, ["--output-dir", "gitops", "--no-populate"], work);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("kind: ExternalSecret", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "gitops", "namespaces", "shop", "default", "db-externalsecret.yaml")));
    }

    [Fact]
    public void Verify_lists_plaintext_secrets_and_fails()
    {
        Directory.CreateDirectory(Path.Combine(work, "manifests"));
        File.WriteAllText(Path.Combine(work, "manifests", "bad.yaml"), Rendered);
        File.WriteAllText(Path.Combine(work, "manifests", "notes.txt"), "kind: Secret");

        var run = CliProcess.Run("", ["verify", "manifests"], work);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("manifests/bad.yaml: document 1 at line 1 (Secret shop/db): plaintext Secret with data in stringData.password", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("subcommand-secret-value-3", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_passes_converted_output_and_reads_stdin()
    {
        var converted = CliProcess.Run(Rendered, ["--no-populate"]);
        var run = CliProcess.Run(converted.Output, ["verify"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public void Verify_reports_bad_yaml_as_exit_code_2()
    {
        var run = CliProcess.Run("a: [", ["verify"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid YAML", run.Errors, StringComparison.Ordinal);
    }
}
