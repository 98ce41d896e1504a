using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Tests.Fixtures;
using PostRenderer.Core.Tests.Hardening;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// Runs a corpus through the tool (in-process, as the CLI does, without store writes) and through the Kubernetes
/// oracle, and holds the tool to Kubernetes' reading:
/// <list type="bullet">
/// <item>the tool never crashes (exit 0, 1 or 2 only; no unexpected exception); a refusal (exit 2) is counted;</item>
/// <item>no value of a Secret (as Kubernetes reads it, and every value the generator made) appears in stdout or stderr;</item>
/// <item>on exit 0 the output is readable by Kubernetes, and libyaml reads it to the same values;</item>
/// <item>on exit 0 for an input Kubernetes reads, every v1 Secret (a document, or an item of a list, kind-less
/// items of a typed list included) became an ExternalSecret or is passed through by a documented rule, a list
/// holding ExternalSecrets is a <c>List</c>, and every other document reads the same in the output as in the input.</item>
/// </list>
/// </summary>
public sealed class DifferentialRunner
{
    private const int MinimumValueLength = 6;

    private static readonly Lazy<HashSet<string>> Vocabulary = new(ReadVocabulary);

    public static DifferentialReport Run(string corpus, IReadOnlyList<DifferentialCase> cases)
    {
        var report = new DifferentialReport(corpus) { Cases = cases.Count };
        var clock = Stopwatch.StartNew();
        var runs = new List<InProcessRun?>(cases.Count);
        foreach (var @case in cases)
        {
            try
            {
                runs.Add(InProcessRun.Execute(@case.Input, @case.WorkingDirectory, @case.Environment));
            }
#pragma warning disable CA1031 // An escaping exception is exactly what this looks for.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                report.Add("crash", @case, $"the run threw {ex.GetType().Name}");
                runs.Add(null);
            }
        }

        report.RenderTime = clock.Elapsed;
        clock.Restart();
        var inputs = ReferenceReaders.Kubernetes.ReadAll(cases.Select(@case => @case.Input).ToList());
        var accepted = Enumerable.Range(0, cases.Count).Where(i => runs[i]?.ExitCode == 0).ToList();
        var outputBytes = accepted.Select(i => Encoding.UTF8.GetBytes(runs[i]!.Output)).ToList();
        var outputs = ReferenceReaders.Kubernetes.ReadAll(outputBytes);
        report.ReadTime = clock.Elapsed;
        clock.Restart();
        var readBack = ReferenceReaders.Libyaml.ReadAll(outputBytes);
        report.LibyamlTime = clock.Elapsed;
        var outputOf = new Dictionary<int, (StreamReading Kubernetes, StreamReading Libyaml)>();
        for (var k = 0; k < accepted.Count; k++)
        {
            outputOf[accepted[k]] = (outputs[k], readBack[k]);
        }

        for (var i = 0; i < cases.Count; i++)
        {
            if (runs[i] is { } run)
            {
                var output = outputOf.TryGetValue(i, out var read) ? read : default;
                new CaseJudge(report, cases[i], run, inputs[i], output.Kubernetes, output.Libyaml).Judge();
            }
        }

        return report;
    }

    /// <summary>The words the tool writes by itself (read from the fixtures' golden outputs): a value equal to one is no leak.</summary>
    private static HashSet<string> ReadVocabulary()
    {
        var outputs = FixtureCase.All().Select(fixture => File.ReadAllBytes(fixture.ExpectedPath)).ToList();
        var words = new List<string>();
        foreach (var reading in ReferenceReaders.Kubernetes.ReadAll(outputs))
        {
            foreach (var (_, value) in reading.Present())
            {
                KubernetesObjects.CollectPublicText(value, words);
            }
        }

        return words.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A Secret value to look for, where it came from, and the forms it could leak in.</summary>
    private sealed record ProtectedValue(string Text, string Where)
    {
        public IEnumerable<(string Form, string How)> Forms()
        {
            yield return (Text, "the value");
            yield return (JsonEncodedText.Encode(Text).ToString(), "JSON-escaped");
            yield return (Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)), "base64");
            foreach (var line in Text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal)))
            {
                yield return (line, "one of its lines");
            }
        }
    }

    private sealed class CaseJudge(DifferentialReport report, DifferentialCase @case, InProcessRun run, StreamReading input, StreamReading? output, StreamReading? readBack)
    {
        private List<ProtectedValue> protectedValues = [];
        private List<string> publicTexts = [];
        private Func<string, string> show = text => text;

        public void Judge()
        {
            if (run.ExitCode is >= 0 and <= 2)
            {
                report.Exits[run.ExitCode]++;
            }
            else
            {
                report.OtherExits++;
            }

            if (!input.Readable)
            {
                report.OracleRejected++;
            }

            protectedValues = ProtectedValues();
            show = JsonMeaning.Shower(protectedValues.Select(value => value.Text).ToList());
            if (run.ExitCode is not (0 or 1 or 2) || run.Errors.Contains("   at ", StringComparison.Ordinal) || run.Errors.Contains("this is a bug", StringComparison.Ordinal))
            {
                report.Add("crash", @case, $"exit {run.ExitCode} with an unexpected error: {FirstLine(run.Errors)}");
                return;
            }

            CheckLeaks();
            if (run.ExitCode != 0)
            {
                return;
            }

            if (!input.Readable)
            {
                // Kubernetes would refuse the input: only the leak check above applies.
                report.AcceptedWhatOracleRejects++;
                return;
            }

            if (!OutputReadableByKubernetes())
            {
                return;
            }

            CheckLibyamlReadsTheSame();

            CheckSecretsConverted();
            CheckDocumentsKeepTheirMeaning();
        }

        /// <summary>The values of the input's Secrets (as Kubernetes reads them) that the output must not show, and the generator's.</summary>
        private List<ProtectedValue> ProtectedValues()
        {
            var publicText = new List<string>();
            var values = new List<ProtectedValue>();
            // A configuration's rules may pass a Secret through: then its values are in the output on purpose.
            var passedThroughByConfiguration = @case.Configured && output is not null
                ? output.Present().SelectMany(document => KubernetesObjects.Objects(document.Value)).Where(item => item.IsSecret).Select(item => item.Name).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var (index, document) in input.Present())
            {
                KubernetesObjects.CollectPublicText(document, publicText);
                foreach (var secret in KubernetesObjects.Objects(document).Where(item => item.IsSecret && !KubernetesObjects.PassedThroughByRule(item) && !passedThroughByConfiguration.Contains(item.Name)))
                {
                    values.AddRange(KubernetesObjects.ValueTexts(secret).Select(text => new ProtectedValue(text, $"a value of document {index}{secret.Where} (Secret {show(secret.Name ?? "?")})")));
                }
            }

            if (@case.ReviewedOutput is not null)
            {
                publicText.Add(@case.ReviewedOutput);
            }

            var kept = values
                .Where(value => value.Text.Trim().Length >= MinimumValueLength)
                .Where(value => !Vocabulary.Value.Contains(value.Text) && !publicText.Any(text => text.Contains(value.Text, StringComparison.Ordinal)))
                .ToList();
            foreach (var generated in @case.GeneratedValues ?? [])
            {
                kept.Add(new ProtectedValue(generated.StoreText, $"the generated value of key {JsonSerializer.Serialize(generated.Key)}"));
            }

            kept.AddRange((@case.KnownValues ?? []).Select(known => new ProtectedValue(known, "the case's known secret value")));
            publicTexts = publicText;
            return kept;
        }

        private void CheckLeaks()
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal) { ["stderr"] = run.Errors };
            if (run.ExitCode == 0)
            {
                texts["stdout"] = run.Output;
            }

            report.ValuesChecked += protectedValues.Count;
            foreach (var value in protectedValues)
            {
                foreach (var (form, how) in value.Forms().Where(form => form.Form.Length >= MinimumValueLength && !publicTexts.Any(text => text.Contains(form.Form, StringComparison.Ordinal))))
                {
                    var where = texts.FirstOrDefault(text => text.Value.Contains(form, StringComparison.Ordinal)).Key;
                    if (where is not null)
                    {
                        report.Add("leak", @case, $"{value.Where} ({JsonMeaning.Hash(value.Text)}) appears in {where} as {how} (exit {run.ExitCode})");
                        return;
                    }
                }
            }

            if (@case.GeneratedValues is { Count: > 0 } generated && LeakChecks.FindLeak(generated, texts) is { } leak)
            {
                report.Add("leak", @case, leak + $" (exit {run.ExitCode})");
            }
        }

        /// <summary>The output must be a stream Kubernetes reads whole; when it is not, nothing else about it can be judged.</summary>
        private bool OutputReadableByKubernetes()
        {
            if (output!.SplitError is not null)
            {
                report.Add("output not readable by Kubernetes", @case, $"the output's splitter stops after document {output.Documents.Count}: {Redacted(output.SplitError)}");
                return false;
            }

            foreach (var (document, index) in output.Documents.Select((document, index) => (document, index)).Where(item => item.document.Failed))
            {
                report.Add("output not readable by Kubernetes", @case, $"output document {index}: {Redacted(document.Error!)}");
                return false;
            }

            return true;
        }

        private void CheckLibyamlReadsTheSame()
        {
            var kubernetes = output!.Present().ToList();
            var libyaml = readBack!.Present().ToList();
            report.LibyamlCompared++;
            if (readBack.Documents.FirstOrDefault(document => document.Failed) is { } failed)
            {
                report.Add("libyaml reads the output differently", @case, $"libyaml refuses the output: {Redacted(failed.Error!)}");
                return;
            }

            if (kubernetes.Count != libyaml.Count)
            {
                report.Add("libyaml reads the output differently", @case, $"Kubernetes reads {kubernetes.Count} documents in the output, libyaml {libyaml.Count}");
                return;
            }

            for (var i = 0; i < kubernetes.Count; i++)
            {
                if (JsonMeaning.FirstDifference(kubernetes[i].Value, libyaml[i].Value, show) is { } difference)
                {
                    report.Add("libyaml reads the output differently", @case, $"output document {kubernetes[i].Index} ({Label(kubernetes[i].Value)}), Kubernetes then libyaml: {difference}");
                    return;
                }
            }
        }

        /// <summary>Every v1 Secret Kubernetes reads in the input is an ExternalSecret in the output, or passed through by rule.</summary>
        private void CheckSecretsConverted()
        {
            var outputObjects = output!.Present().SelectMany(document => KubernetesObjects.Objects(document.Value)).ToList();
            foreach (var (index, document) in input.Present())
            {
                foreach (var secret in KubernetesObjects.Objects(document).Where(item => item.IsSecret))
                {
                    var name = secret.Name;
                    var passedThrough = outputObjects.Any(item => item.IsSecret && item.Name == name);
                    if (KubernetesObjects.PassedThroughByRule(secret) || (@case.Configured && passedThrough))
                    {
                        report.SecretsPassedThrough++;
                        continue;
                    }

                    if (outputObjects.FirstOrDefault(item => item.Kind == "ExternalSecret" && item.Name == name) is { } externalSecret && !passedThrough)
                    {
                        report.SecretsConverted++;
                        CheckConversion(index, secret, externalSecret);
                        continue;
                    }

                    var how = passedThrough ? "was written as a Secret" : "is missing from the output";
                    var keys = KubernetesObjects.ValueTexts(secret).Any() ? "with keys" : "without keys";
                    report.Add("Secret not converted", @case, $"document {index}{secret.Where}: Kubernetes reads a v1 Secret {show(name ?? "?")} {keys}; it {how} and no ExternalSecret has its name");
                }
            }

            foreach (var (index, document) in output.Present())
            {
                if (KubernetesObjects.ListItems(document) is not null
                    && KubernetesObjects.Objects(document).Any(item => item.Kind == "ExternalSecret")
                    && KubernetesObjects.Text(document.AsObject()["kind"]) is var kind && kind != "List")
                {
                    report.Add("list holding ExternalSecrets is not a List", @case, $"output document {index} is a {show(kind ?? "?")} holding ExternalSecrets");
                }
            }
        }

        /// <summary>The ExternalSecret carries what Kubernetes reads in the Secret: its keys, namespace and immutability.</summary>
        private void CheckConversion(int index, KubernetesObject secret, KubernetesObject externalSecret)
        {
            var where = $"document {index}{secret.Where} (Secret {show(secret.Name ?? "?")})";
            var spec = externalSecret.Value["spec"] as JsonObject;
            var fetched = (spec?["data"] as JsonArray)?.OfType<JsonObject>()
                .Select(entry => KubernetesObjects.Text(entry["secretKey"]) ?? KubernetesObjects.Text(entry["name"]) ?? "")
                .ToHashSet(StringComparer.Ordinal) ?? [];
            var keys = KubernetesObjects.SecretKeys(secret);
            if (!@case.Configured && !fetched.SetEquals(keys))
            {
                report.Add("ExternalSecret fetches other keys than Kubernetes reads", @case,
                    $"{where}: Kubernetes reads keys [{string.Join(", ", keys.Order(StringComparer.Ordinal).Select(show))}], the ExternalSecret fetches [{string.Join(", ", fetched.Order(StringComparer.Ordinal).Select(show))}]");
            }

            var secretNamespace = KubernetesObjects.Text((secret.Value["metadata"] as JsonObject)?["namespace"]);
            var externalNamespace = KubernetesObjects.Text((externalSecret.Value["metadata"] as JsonObject)?["namespace"]);
            if (!string.IsNullOrEmpty(secretNamespace) && secretNamespace != externalNamespace)
            {
                report.Add("ExternalSecret in another namespace", @case, $"{where}: Kubernetes reads namespace {show(secretNamespace)}, the ExternalSecret has {show(externalNamespace ?? "none")}");
            }

            var immutable = secret.Value["immutable"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
            var target = spec?["target"] as JsonObject;
            if (target is not null && immutable != (target["immutable"] is JsonValue targetFlag && targetFlag.GetValueKind() == JsonValueKind.True))
            {
                report.Add("immutable differs", @case, $"{where}: Kubernetes reads immutable {(immutable ? "true" : "not true")}, the ExternalSecret's target says otherwise");
            }
        }

        /// <summary>Document by document (null ones left out, as Kubernetes ignores them), the output means what the input meant.</summary>
        private void CheckDocumentsKeepTheirMeaning()
        {
            var expected = input.Present().ToList();
            var actual = output!.Present().ToList();
            if (expected.Count != actual.Count)
            {
                var first = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => !SameShape(expected[i].Value, actual[i].Value), Math.Min(expected.Count, actual.Count));
                var at = first < expected.Count ? $"first different: input document {expected[first].Index} ({Label(expected[first].Value)})" : "the extra documents come at the end";
                report.Add("document count", @case, $"Kubernetes reads {expected.Count} documents in the input and {actual.Count} in the output; {at}");
                return;
            }

            for (var i = 0; i < expected.Count; i++)
            {
                report.DocumentsCompared++;
                var (index, before) = expected[i];
                var after = actual[i].Value;
                if (KubernetesObjects.ListItems(before) is { } items && KubernetesObjects.HoldsSecret(before))
                {
                    CompareListAround(index, before, after);
                    continue;
                }

                if (WholeObject(before) is { IsSecret: true } secret && !KubernetesObjects.PassedThroughByRule(secret))
                {
                    continue; // judged by CheckSecretsConverted
                }

                if (@case.Configured && WholeObject(before) is { IsSecret: true })
                {
                    continue; // a rule of the configuration may convert it
                }

                if (WholeObject(before) is { ApiVersion: "kubernetes-client.io/v1", Kind: "ExternalSecret" } kes
                    && WholeObject(after) is { ApiVersion: "external-secrets.io/v1" or "external-secrets.io/v1beta1", Kind: "ExternalSecret" } eso && eso.Name == kes.Name)
                {
                    continue; // a KES ExternalSecret migrated to ESO on purpose (KesMigrationTests and fixtures/kes-migration judge it)
                }

                if (JsonMeaning.FirstDifference(before, after, show) is { } difference)
                {
                    report.Add("meaning changed", @case, $"input document {index} ({Label(before)}) {difference}");
                    return;
                }
            }
        }

        /// <summary>A list holding Secrets: the same number of items, and every item that is not a converted Secret unchanged.</summary>
        private void CompareListAround(int index, JsonNode before, JsonNode after)
        {
            var beforeItems = KubernetesObjects.Objects(before).ToList();
            var afterItems = KubernetesObjects.ListItems(after) is null ? [] : KubernetesObjects.Objects(after).ToList();
            if (beforeItems.Count != afterItems.Count)
            {
                report.Add("meaning changed", @case, $"input document {index} ({Label(before)}): a list of {beforeItems.Count} objects became {Label(after)} with {afterItems.Count}");
                return;
            }

            for (var i = 0; i < beforeItems.Count; i++)
            {
                if (beforeItems[i].IsSecret && !KubernetesObjects.PassedThroughByRule(beforeItems[i]))
                {
                    continue;
                }

                if (JsonMeaning.FirstDifference(beforeItems[i].Value, afterItems[i].Value, show) is { } difference)
                {
                    report.Add("meaning changed", @case, $"input document {index} item {i} ({Label(beforeItems[i].Value)}) {difference}");
                    return;
                }
            }
        }

        private static KubernetesObject? WholeObject(JsonNode document) =>
            document is JsonObject mapping && KubernetesObjects.ListItems(document) is null ? new KubernetesObject(mapping, null) : null;

        private static bool SameShape(JsonNode before, JsonNode after) =>
            KubernetesObjects.HoldsSecret(before)
            || (before is JsonObject left && after is JsonObject right && KubernetesObjects.Text(left["kind"]) == KubernetesObjects.Text(right["kind"]));

        private string Label(JsonNode document) => document is JsonObject mapping
            ? $"{show(KubernetesObjects.Text(mapping["kind"]) ?? "no kind")} {show(KubernetesObjects.Text((mapping["metadata"] as JsonObject)?["name"]) ?? "no name")}"
            : JsonMeaning.Describe(document, show);

        /// <summary>A reader's message with the texts it quotes (which may be values) hidden.</summary>
        private static string Redacted(string message)
        {
            var line = FirstLine(message);
            const string Separator = "invalid Yaml document separator: ";
            return line.StartsWith(Separator, StringComparison.Ordinal)
                ? Separator + "(a line starting with --- and holding " + JsonMeaning.Hash(line[Separator.Length..]) + ")"
                : System.Text.RegularExpressions.Regex.Replace(line, "`[^`]*`|'[^']*'|\"[^\"]*\"", "<...>");
        }

        private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "";
    }
}
