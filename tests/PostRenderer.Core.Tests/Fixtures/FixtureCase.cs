namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>
/// One folder of fixtures/: input.yaml, expected.yaml, and optionally a .secret-postrenderer.yaml (found the
/// way users' files are found: the folder is the working directory), a .jx mapping, and an env file.
/// </summary>
public sealed class FixtureCase(string directory)
{
    public string Name => Path.GetFileName(directory);

    public string Directory => directory;

    public string InputPath => Path.Combine(directory, "input.yaml");

    public string ExpectedPath => Path.Combine(directory, "expected.yaml");

    public static IEnumerable<FixtureCase> All() =>
        System.IO.Directory.GetDirectories(RepositoryPaths.Fixtures)
            .Where(dir => File.Exists(Path.Combine(dir, "input.yaml")) && File.Exists(Path.Combine(dir, "expected.yaml")))
            .Order(StringComparer.Ordinal)
            .Select(dir => new FixtureCase(dir));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in All())
        {
            data.Add(fixture.Name);
        }

        return data;
    }

    public static FixtureCase Named(string name) => new(Path.Combine(RepositoryPaths.Fixtures, name));

    public Dictionary<string, string> Environment()
    {
        var path = Path.Combine(directory, "env");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path).Where(line => line.Contains('=', StringComparison.Ordinal)))
            {
                var at = line.IndexOf('=', StringComparison.Ordinal);
                result[line[..at]] = line[(at + 1)..];
            }
        }

        return result;
    }

    public InProcessRun Run(byte[]? input = null) =>
        InProcessRun.Execute(input ?? File.ReadAllBytes(InputPath), directory, Environment());

    public override string ToString() => Name;
}
