using System.Diagnostics;

namespace PostRenderer.Cli.Tests;

/// <summary>
/// A ResourceList on stdin is answered as a KRM function answers: recorded ResourceLists as kpt and kustomize send
/// them, then the real kpt and kustomize (kubectl kustomize) running the program.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class KrmFunctionTests : IDisposable
{
    // What kpt fn eval sends for a package with one Secret file, and `-- populate=false namespace=team`.
    private const string FromKpt = """
        apiVersion: config.kubernetes.io/v1
        kind: ResourceList
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: db
            annotations:
              config.kubernetes.io/index: '0'
              config.kubernetes.io/path: 'secret.yaml'
              internal.config.kubernetes.io/index: '0'
              internal.config.kubernetes.io/path: 'secret.yaml'
              internal.config.kubernetes.io/seqindent: 'compact'
              internal.config.kubernetes.io/annotations-migration-resource-id: '0'
              internal.config.kubernetes.io/id: '1'
              config.k8s.io/id: '1'
              team: payments
          stringData:
            password: krm-test-value-9
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cfg
            annotations:
              config.kubernetes.io/path: 'cfg.yaml'
        functionConfig:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: function-input
          data:
            populate: "false"
            namespace: team
            secretStoreRef.name: vault-store
        """;

    private readonly string work = Directory.CreateTempSubdirectory("cli-krm-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void A_resource_list_is_answered_with_a_resource_list()
    {
        var run = CliProcess.Run(FromKpt, []);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.StartsWith("---\napiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("kind: ExternalSecret", run.Output, StringComparison.Ordinal);
        Assert.Contains("kind: ConfigMap\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("name: vault-store", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: team/db", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("krm-test-value-9", run.Output + run.Errors, StringComparison.Ordinal);
        Assert.Contains("results:\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("severity: info", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kpt_and_kustomize_annotations_stay_on_the_external_secret_and_never_reach_the_template()
    {
        var output = CliProcess.Run(FromKpt, []).Output;
        var externalSecret = output[output.IndexOf("kind: ExternalSecret", StringComparison.Ordinal)..];
        var template = externalSecret[externalSecret.IndexOf("template:", StringComparison.Ordinal)..externalSecret.IndexOf("  data:", StringComparison.Ordinal)];
        var ownMetadata = externalSecret[..externalSecret.IndexOf("spec:", StringComparison.Ordinal)];
        foreach (var annotation in new[] { "config.kubernetes.io/path", "internal.config.kubernetes.io/path", "internal.config.kubernetes.io/id", "config.kubernetes.io/index", "config.k8s.io/id" })
        {
            Assert.Contains(annotation, ownMetadata, StringComparison.Ordinal);
            Assert.DoesNotContain(annotation, template, StringComparison.Ordinal);
        }

        Assert.Contains("team: payments", template, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_function_config_is_a_configuration_file()
    {
        var typed = FromKpt[..FromKpt.IndexOf("functionConfig:", StringComparison.Ordinal)] + """
            functionConfig:
              apiVersion: secret-postrenderer.io/v1alpha1
              kind: SecretPostRendererConfig
              metadata:
                name: convert-secrets
              spec:
                populate: false
                namespace: shop
                secretStoreRef:
                  name: typed-store
                  kind: SecretStore
            """;
        var run = CliProcess.Run(typed, []);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("kind: SecretStore\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("name: typed-store", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: shop/db", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_is_an_error_result_and_a_non_zero_exit()
    {
        var unknownKind = FromKpt.Replace("kind: ConfigMap\n  metadata:\n    name: function-input", "kind: Deployment\n  metadata:\n    name: function-input", StringComparison.Ordinal);
        var run = CliProcess.Run(unknownKind, []);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("kind: ResourceList", run.Output, StringComparison.Ordinal);
        Assert.Contains("severity: error", run.Output, StringComparison.Ordinal);
        Assert.Contains("functionConfig of kind 'Deployment'", run.Output, StringComparison.Ordinal);
        Assert.Contains("error: functionConfig of kind 'Deployment'", run.Errors, StringComparison.Ordinal);

        var warning = CliProcess.Run(FromKpt.Replace("    namespace: team\n", "", StringComparison.Ordinal), []);
        Assert.Equal(0, warning.ExitCode);
        Assert.Contains("severity: warning", warning.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kpt_fn_eval_exec_converts_the_package_in_place()
    {
        File.WriteAllText(Path.Combine(work, "secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: kpt-value-1\n");
        File.WriteAllText(Path.Combine(work, "cfg.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n");
        var package = Path.Combine(work, "package");
        Directory.CreateDirectory(package);
        File.Move(Path.Combine(work, "secret.yaml"), Path.Combine(package, "secret.yaml"));
        File.Move(Path.Combine(work, "cfg.yaml"), Path.Combine(package, "cfg.yaml"));

        var run = Tool("kpt", ["fn", "eval", package, "--exec", Wrapper(), "--", "populate=false", "namespace=team"]);
        Assert.True(run.ExitCode == 0, run.Output);
        var secretFile = File.ReadAllText(Path.Combine(package, "secret.yaml"));
        Assert.Contains("kind: ExternalSecret", secretFile, StringComparison.Ordinal);
        Assert.Contains("key: team/db", secretFile, StringComparison.Ordinal);
        Assert.DoesNotContain("kpt-value-1", secretFile, StringComparison.Ordinal);
        Assert.DoesNotContain("config.kubernetes.io", secretFile, StringComparison.Ordinal);
        Assert.Contains("kind: ConfigMap", File.ReadAllText(Path.Combine(package, "cfg.yaml")), StringComparison.Ordinal);
    }

    // What kustomize (5.x, --enable-alpha-plugins --enable-exec) sends an exec transformer: the transformer's own
    // resource, annotations and all, is the functionConfig. kubectl's built-in kustomize has no --enable-exec, and no
    // registry here has kustomize itself, so this input is recorded rather than made by kustomize in the test.
    private const string FromKustomize = """
        apiVersion: config.kubernetes.io/v1
        kind: ResourceList
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: db
            namespace: shop
            annotations:
              config.kubernetes.io/index: '0'
              internal.config.kubernetes.io/index: '0'
              internal.config.kubernetes.io/annotations-migration-resource-id: '0'
          stringData:
            password: kustomize-value-2
        functionConfig:
          apiVersion: secret-postrenderer.io/v1alpha1
          kind: SecretPostRendererConfig
          metadata:
            name: convert-secrets
            annotations:
              config.kubernetes.io/function: |
                exec:
                  path: ./secret-postrenderer
              config.kubernetes.io/local-config: 'true'
          spec:
            populate: false
            secretStoreRef:
              name: kustomize-store
        """;

    [Fact]
    public void Kustomize_exec_transformer_input_is_converted()
    {
        var run = CliProcess.Run(FromKustomize, []);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("kind: ExternalSecret", run.Output, StringComparison.Ordinal);
        Assert.Contains("name: kustomize-store", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: shop/db", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kustomize-value-2", run.Output + run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("severity: warning", run.Output, StringComparison.Ordinal);
    }

    // kpt and kustomize run one executable without arguments of ours: a script that starts this build.
    private string Wrapper()
    {
        var start = CliProcess.StartInfo([]);
        var path = Path.Combine(work, "secret-postrenderer-fn");
        var command = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(part => $"'{part}'"));
        File.WriteAllText(path, $"#!/bin/sh\nexec {command} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static (int ExitCode, string Output) Tool(string name, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "secret-postrenderer-cli-tests");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        CliProcess.WaitOrKill(process);
        return (process.ExitCode, output + errors.Result);
    }
}
