using System.Text;
using PostRenderer.Core.Tests.Fixtures;

namespace PostRenderer.Core.Tests.Conversion;

/// <summary>KES ExternalSecrets in the input: converted to ESO, fields ESO lacks reported, refused with --strict.</summary>
public sealed class KesMigrationTests
{
    private const string WithPath = """
        apiVersion: kubernetes-client.io/v1
        kind: ExternalSecret
        metadata:
          name: legacy
        spec:
          backendType: vault
          data:
            - name: token
              key: secret/data/legacy
              property: token
              path: ignored/by/eso
        """;

    [Fact]
    public void A_field_without_an_ESO_equivalent_is_a_warning()
    {
        var run = Run(WithPath);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("apiVersion: external-secrets.io/v1\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("key: legacy\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored/by/eso", run.Output, StringComparison.Ordinal);
        Assert.Contains("field path of data item 'token' has no ESO equivalent and is dropped", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void With_strict_it_is_an_input_error()
    {
        var run = Run(WithPath, strict: true);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(ExternalSecret legacy)", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void With_the_kes_format_it_passes_through()
    {
        var run = Run(WithPath, format: "kes");
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("path: ignored/by/eso", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_backend_type_is_an_input_error()
    {
        var run = Run(WithPath.Replace("backendType: vault", "backendType: ibmSecretsManager", StringComparison.Ordinal));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("backendType 'ibmSecretsManager' has no store here", run.Errors, StringComparison.Ordinal);
    }

    private static InProcessRun Run(string input, bool strict = false, string format = "eso-v1")
    {
        var directory = Directory.CreateTempSubdirectory("kes-").FullName;
        try
        {
            var commandLine = new Dictionary<string, string?> { ["format"] = format };
            if (strict)
            {
                commandLine["strict"] = "true";
            }

            return InProcessRun.Execute(Encoding.UTF8.GetBytes(input), directory, new Dictionary<string, string>(), commandLine);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
