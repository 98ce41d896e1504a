using PostRenderer.Core.Tests.Hardening;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// One input stream for the differential tests, and how the tool is run on it.
/// </summary>
/// <param name="Corpus">The corpus it comes from (fixtures, generated, mutated, yaml-test-suite, reproducers).</param>
/// <param name="Id">What reproduces it: a fixture name, a seed, a YAML test suite id.</param>
/// <param name="Input">The stream's bytes.</param>
/// <param name="WorkingDirectory">The folder the tool runs in (a fixture's folder brings its configuration file).</param>
/// <param name="Environment">The environment the tool reads settings from.</param>
/// <param name="Configured">The folder holds a configuration, whose rules may pass Secrets through or show unsecured keys.</param>
/// <param name="GeneratedValues">Values the generator made and knows to be secret (checked by their markers too).</param>
/// <param name="ReviewedOutput">A reviewed golden output: text it holds is shown on purpose (unsecured keys, excluded Secrets).</param>
/// <param name="KnownValues">Secret values the case's author knows (e.g. an alias name Kubernetes cannot read but that is a value).</param>
public sealed record DifferentialCase(
    string Corpus,
    string Id,
    byte[] Input,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    bool Configured = false,
    IReadOnlyList<GeneratedValue>? GeneratedValues = null,
    string? ReviewedOutput = null,
    IReadOnlyList<string>? KnownValues = null)
{
    public override string ToString() => $"{Corpus} {Id}";
}
