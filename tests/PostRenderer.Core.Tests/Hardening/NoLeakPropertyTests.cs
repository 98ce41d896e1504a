using System.Diagnostics;
using Xunit.Abstractions;

namespace PostRenderer.Core.Tests.Hardening;

/// <summary>
/// Property: for any stream of Secrets mixed with other documents, no value of a converted Secret appears
/// (raw, as written, base64, JSON-escaped, or by its random marker) in stdout, stderr, the log file or the split
/// files; exit code 0 means every Secret became an ExternalSecret fetching exactly its keys, or was passed through
/// by a documented rule (skip annotation, service-account or bootstrap token type, no keys); a Secret with invalid
/// base64 fails the run with exit 2. 10,000 seeded cases (deterministic: the seed of a failing case reproduces it
/// with <see cref="GeneratedCaseRunner.Run"/>); see <see cref="SecretStreamGenerator"/> for the values generated.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class NoLeakPropertyTests(ITestOutputHelper output) : IDisposable
{
    public const int CasesPerBlock = 2_500;

    private readonly string work = Directory.CreateTempSubdirectory("noleak-property-").FullName;

    public static TheoryData<int> Blocks() => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void No_generated_secret_value_leaks_and_every_secret_is_converted_or_passed_through_by_rule(int block)
    {
        var runner = new GeneratedCaseRunner(work);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        for (var i = 0; i < CasesPerBlock && failures.Count < 5; i++)
        {
            var seed = 1_000_003 * (block + 1) + i;
            var problem = runner.Run(seed);
            if (problem is not null)
            {
                failures.Add($"seed {seed}: {problem}");
            }
        }

        output.WriteLine($"{CasesPerBlock} cases in {clock.Elapsed.TotalSeconds:0.0}s ({runner.RenderTime.TotalSeconds:0.0}s rendering): {runner.SecretsConverted} Secrets converted, "
            + $"{runner.SecretsPassedThrough} passed through, {runner.ValuesChecked} values checked, {runner.Populated} populated, "
            + $"{runner.Split} split, {runner.Logged} logged, {runner.Failed} invalid");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(runner.SecretsConverted > CasesPerBlock / 2, "the generator made too few convertible Secrets");
        Assert.True(runner.Populated > 0 && runner.Split > 0 && runner.Logged > 0 && runner.Failed > 0, "every option must be exercised");
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
