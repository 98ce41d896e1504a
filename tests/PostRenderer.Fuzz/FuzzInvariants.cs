using System.Text;
using System.Text.RegularExpressions;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Fuzz;

/// <summary>
/// The invariants every input must keep, checked over the splitter, the readers and the converter through the
/// render pipeline (<c>--no-populate</c>, and <c>--no-populate --preserve</c>):
/// 1. no exception escapes but the documented user errors (<see cref="UserException"/>, exit 2 for input);
/// 2. no value of any Secret (as Kubernetes reads the input) appears in the output or a message;
/// 3. the splitters agree: the tool's yields Kubernetes' documents, but for the documented differences (<see cref="SplitterAgreement"/>);
/// 4. the readers agree (<see cref="ReaderAgreement"/>);
/// 5. the output (up to 1 MB) read back (split by <see cref="KubernetesSplitter"/>, not the tool's splitter) is the
///    canonical tree: rendering it again gives the same bytes, every document that is no Secret means to Kubernetes
///    what its input meant, and --preserve's output renders to the canonical one.
/// A broken invariant throws <see cref="InvariantViolationException"/>; any other exception is let through as it is.
/// </summary>
internal static partial class FuzzInvariants
{
    /// <summary>
    /// An alias bomb within the reader's node limit expands a few hundred bytes into megabytes; reading such an
    /// output back several times would make AFL see a hang of the harness, not of the tool.
    /// </summary>
    public const int MaxOutputReadBack = 1 << 20;

    /// <summary>What the tool writes itself (an ExternalSecret's fields, messages): a value found in it is no leak.</summary>
    private static readonly Lazy<string> Vocabulary = new(ToolVocabulary);

    public static void Check(byte[] input)
    {
        var reading = InputReading.Of(input);
        var canonical = RenderOutcome.Of(RenderOutcome.Canonical, input);
        var preserve = RenderOutcome.Of(RenderOutcome.Preserve, input);
        OnlyInputErrors(canonical, "canonical");
        OnlyInputErrors(preserve, "--preserve");
        NoLeak(reading, canonical, "canonical");
        NoLeak(reading, preserve, "--preserve");
        SplitterAgreement.Check(input);
        ReaderAgreement.Check(input, reading, canonical, preserve);
        if (canonical.Succeeded && canonical.Output.Length <= MaxOutputReadBack)
        {
            RendersToItself(canonical);
            MeansTheSame(reading, canonical);
            if (preserve.Succeeded)
            {
                PreserveRendersToCanonical(preserve, canonical);
            }
        }
    }

    private static void OnlyInputErrors(RenderOutcome outcome, string mode)
    {
        if (outcome.Error is { ExitCode: not ExitCodes.BadInput } error)
        {
            throw new InvariantViolationException("only documented user errors", $"{mode}: {error.GetType().Name} with exit code {error.ExitCode} for input: {error.Message}");
        }
    }

    private static void NoLeak(InputReading reading, RenderOutcome outcome, string mode)
    {
        // The words of a location ("document 2 at line 7", "line 3, column 5") are the tool's, not a value.
        var visible = Location().Replace(outcome.Visible, " ");
        foreach (var (key, forms) in reading.Values)
        {
            foreach (var form in forms)
            {
                if (visible.Contains(form, StringComparison.Ordinal)
                    && !Vocabulary.Value.Contains(form, StringComparison.Ordinal)
                    && !IsPublic(reading, form))
                {
                    var where = outcome.Output.Contains(form, StringComparison.Ordinal) ? "the output" : "a message";
                    throw new InvariantViolationException("no Secret value shown", $"{mode}: a value of Secret key '{key}' appears in {where}");
                }
            }
        }
    }

    /// <summary>
    /// Whether the form stands in public text. Its core without surrounding white space counts: a value "folded\n"
    /// under the key "folded" shows in the output wherever the key ends a line.
    /// </summary>
    private static bool IsPublic(InputReading reading, string form)
    {
        var core = form.Trim();
        var probe = core.Length >= InputReading.MinimumValueLength ? core : form;
        return reading.PublicText.Any(text => text.Contains(probe, StringComparison.Ordinal));
    }

    private static void RendersToItself(RenderOutcome canonical)
    {
        var again = RenderOutcome.Of(RenderOutcome.Canonical, Encoding.UTF8.GetBytes(canonical.Output));
        if (!again.Succeeded || again.Output != canonical.Output)
        {
            throw new InvariantViolationException("output reads back as the canonical tree", $"rendering the output again gives something else\n--- output:\n{canonical.Output}\n--- rendered again:\n{again.Describe()}");
        }
    }

    /// <summary>Each document the input holds is one output document; those without a Secret mean the same to Kubernetes.</summary>
    private static void MeansTheSame(InputReading reading, RenderOutcome canonical)
    {
        var inputs = reading.Documents.Where(document => document.Root is not null || document.Unreadable).ToList();
        var outputs = new List<Node?>();
        foreach (var text in SplitterAgreement.ReadBack(canonical.Output))
        {
            outputs.Add(KubernetesReader.TryRead(text, out var root) ? root
                : throw new InvariantViolationException("output reads back as the canonical tree", $"YamlDotNet's parser refuses the output\n--- output:\n{canonical.Output}"));
        }

        if (reading.SplitFailed || inputs.Count != outputs.Count)
        {
            throw new InvariantViolationException("output reads back as the canonical tree", $"{inputs.Count} input documents hold a node, the output has {outputs.Count} documents");
        }

        var meaning = new KubernetesMeaning();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Unreadable)
            {
                throw new InvariantViolationException("readers disagree", $"the render accepted document {i + 1}, which YamlDotNet's parser refuses");
            }

            if (!inputs[i].HoldsSecret && meaning.Fingerprint(inputs[i].Root) != meaning.Fingerprint(outputs[i]))
            {
                throw new InvariantViolationException("output reads back as the canonical tree", $"document {i + 1} (no Secret) means something else to Kubernetes after the render\n--- input:\n{inputs[i].Text}\n--- output:\n{canonical.Output}");
            }
        }
    }

    private static void PreserveRendersToCanonical(RenderOutcome preserve, RenderOutcome canonical)
    {
        var rendered = RenderOutcome.Of(RenderOutcome.Canonical, Encoding.UTF8.GetBytes(preserve.Output));
        if (!rendered.Succeeded || rendered.Output != canonical.Output)
        {
            throw new InvariantViolationException("--preserve agrees with canonical", $"--preserve's output, rendered, is not the canonical output\n--- --preserve:\n{preserve.Output}\n--- rendered:\n{rendered.Describe()}\n--- canonical:\n{canonical.Output}");
        }
    }

    private static string ToolVocabulary()
    {
        const string Sample = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: sample
              namespace: team
              labels: {app: sample}
              annotations: {note: sample}
            type: kubernetes.io/tls
            immutable: true
            data:
              binary: /w==
              text: c2FtcGxl
            stringData:
              empty: ""
              other: sample
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata: {name: listed}
              stringData: {key: sample}
            """;
        var input = Encoding.UTF8.GetBytes(Sample);
        var texts = new[] { RenderOutcome.Of(RenderOutcome.Canonical, input), RenderOutcome.Of(RenderOutcome.Preserve, input) };
        return string.Join("\n", texts.Select(outcome => outcome.Visible));
    }

    [GeneratedRegex("document [0-9]+ at line [0-9]+|line [0-9]+, column [0-9]+")]
    private static partial Regex Location();
}
