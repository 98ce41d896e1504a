using System.Text.Json.Nodes;

namespace PostRenderer.Cli.Tests;

/// <summary>
/// Issue 19 item 1 through the CLI: fixtures/raw-values renders its expected output and populates the file store
/// with raw entries (JSON strings) beside the Secret's own entry; a second run leaves them, --overwrite-existing
/// replaces them.
/// </summary>
public sealed class RawValueFixtureTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("cli-raw-values-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static string Fixture => Path.Combine(FindRepository(), "fixtures", "raw-values");

    private string StorePath => Path.Combine(work, "secrets.json");

    private CliProcess Run(string input, params string[] arguments) =>
        CliProcess.Run(input, arguments, Fixture, new Dictionary<string, string> { ["SECRET_POSTRENDERER_FILE__PATH"] = StorePath });

    [Fact]
    public void The_fixture_renders_its_expected_output_and_stores_raw_values()
    {
        var input = File.ReadAllText(Path.Combine(Fixture, "input.yaml"));

        var first = Run(input);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixture, "expected.yaml")), first.Output);
        var store = JsonNode.Parse(File.ReadAllText(StorePath))!.AsObject();
        Assert.Equal("tok-4f1e9a7c2b", store["shop/api-token"]!.GetValue<string>());
        Assert.Equal("""{"endpoint":"https://api.example.com","retries":3}""", store["shop/api-config"]!.GetValue<string>());
        Assert.Equal("app", store["shop/api"]!["user"]!.GetValue<string>());
        Assert.DoesNotContain("tok-4f1e9a7c2b", first.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_leaves_raw_values_and_overwrite_existing_replaces_them()
    {
        var input = File.ReadAllText(Path.Combine(Fixture, "input.yaml"));
        Assert.Equal(0, Run(input).ExitCode);
        var changed = input.Replace("tok-4f1e9a7c2b", "tok-rotated-0000", StringComparison.Ordinal);

        var second = Run(changed);
        Assert.Contains("file entry 'shop/api-token' already has token; left as it is", second.Errors, StringComparison.Ordinal);
        Assert.Equal("tok-4f1e9a7c2b", JsonNode.Parse(File.ReadAllText(StorePath))!["shop/api-token"]!.GetValue<string>());

        var third = Run(changed, "--overwrite-existing");
        Assert.Contains("replaced token in file entry 'shop/api-token'", third.Errors, StringComparison.Ordinal);
        Assert.Equal("tok-rotated-0000", JsonNode.Parse(File.ReadAllText(StorePath))!["shop/api-token"]!.GetValue<string>());
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PostRenderer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (PostRenderer.sln) was not found above " + AppContext.BaseDirectory);
    }
}
