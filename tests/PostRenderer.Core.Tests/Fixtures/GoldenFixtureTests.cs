using System.Text;

namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>
/// Every fixture's output must equal its expected.yaml byte for byte, and be a fixed point: converting the
/// expected output again changes nothing. Set UPDATE_FIXTURES=1 to rewrite expected.yaml on purpose, then
/// review the diff before committing.
/// </summary>
public sealed class GoldenFixtureTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_expected(string name)
    {
        var fixture = FixtureCase.Named(name);
        var run = fixture.Run();
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Errors}");
        if (System.Environment.GetEnvironmentVariable("UPDATE_FIXTURES") == "1")
        {
            File.WriteAllText(fixture.ExpectedPath, run.Output, new UTF8Encoding(false));
        }

        Assert.Equal(File.ReadAllText(fixture.ExpectedPath), run.Output);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expected_output_is_a_fixed_point(string name)
    {
        var fixture = FixtureCase.Named(name);
        var expected = File.ReadAllBytes(fixture.ExpectedPath);
        var again = fixture.Run(expected);
        Assert.True(again.ExitCode == 0, $"exit {again.ExitCode}: {again.Errors}");
        Assert.Equal(Encoding.UTF8.GetString(expected), again.Output);
    }

    [Fact]
    public void Every_fixture_folder_has_an_expected_output()
    {
        var incomplete = System.IO.Directory.GetDirectories(RepositoryPaths.Fixtures)
            .Where(dir => File.Exists(Path.Combine(dir, "input.yaml")) && !File.Exists(Path.Combine(dir, "expected.yaml")))
            .ToList();
        Assert.Empty(incomplete);
        Assert.True(FixtureCase.All().Count() >= 15);
    }

    public static TheoryData<string> Cases() => FixtureCase.Names();
}
