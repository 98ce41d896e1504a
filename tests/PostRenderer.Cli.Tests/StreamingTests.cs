using System.Text;

namespace PostRenderer.Cli.Tests;

/// <summary>Large inputs go through document by document; no timing is asserted (bench/ measures speed).</summary>
public sealed class StreamingTests
{
    [Fact]
    public void Fifty_thousand_documents_stream_through()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            if (i % 3 == 0)
            {
                input.Append(System.Globalization.CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s{i}\n  namespace: n{i % 7}\nstringData:\n  password: streamed-value-{i}\n  cert: |\n    -----BEGIN CERTIFICATE-----\n    MIIB{i}\n    -----END CERTIFICATE-----\n");
            }
            else
            {
                input.Append(System.Globalization.CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  value: \"{i}\"\n");
            }
        }

        var run = CliProcess.Run(input.ToString(), ["--no-populate"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("50000 documents written, 16667 Secrets converted", run.Errors, StringComparison.Ordinal);
        var documents = run.Output.Split("\n---\n").Length;
        Assert.Equal(50_000, documents);
        Assert.DoesNotContain("streamed-value-", run.Output, StringComparison.Ordinal);
    }
}
