namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The single-file binary ./test.sh publishes and names in TEST_SECRET_POSTRENDERER_BINARY. These tests exist to
/// check what users run, so a missing binary is a failure with instructions, never a skip.
/// </summary>
public static class PublishedBinary
{
    public const string VariableName = "TEST_SECRET_POSTRENDERER_BINARY";

    public static string Path => Find();

    public static string Directory => System.IO.Path.GetDirectoryName(Path)!;

    private static string Find()
    {
        var path = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidOperationException(
                $"{VariableName} is not set. The end-to-end tests run the published binary: run ./test.sh, or " +
                $"`dotnet publish src/PostRenderer.Cli -c Release -o out && {VariableName}=$PWD/out/secret-postrenderer dotnet test`.");
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{VariableName}={path} does not exist: run ./test.sh to publish it.");
        }

        return System.IO.Path.GetFullPath(path);
    }
}
