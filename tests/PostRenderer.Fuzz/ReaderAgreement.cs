using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Rendering;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Fuzz;

/// <summary>
/// Everything that knows the tool's individual readers, kept here so that a change of readers changes only this
/// file: the independent reading (YamlDotNet through <see cref="GeneralNodeReader"/>), the byte index
/// (<see cref="YamlIndex"/>, through <see cref="IndexedTree"/>) held to it document by document, and the Secret path
/// that reads the index held to the tree path over the whole render.
/// </summary>
internal static class ReaderAgreement
{
    /// <summary>The reader the fuzz invariants trust to say what a document holds: YamlDotNet, all of YAML.</summary>
    public static Node? ReadIndependently(RawDocument document) => new GeneralNodeReader(ReaderLimits.Default).Read(document);

    /// <summary>The readers agree on every document of the input and of the output, and the Secret path changes no render.</summary>
    public static void Check(byte[] input, InputReading reading, RenderOutcome canonical, RenderOutcome preserve)
    {
        foreach (var document in reading.Documents)
        {
            CompareDocument(document.Text, "an input document");
        }

        foreach (var text in canonical.Output.Length <= FuzzInvariants.MaxOutputReadBack ? SplitterAgreement.ReadBack(canonical.Output) : [])
        {
            CompareDocument(text, "an output document");
        }

        CompareWithoutSecretPath(input, RenderOutcome.Canonical, canonical, "canonical");
        CompareWithoutSecretPath(input, RenderOutcome.Preserve, preserve, "--preserve");
    }

    private static void CompareWithoutSecretPath(byte[] input, Core.Configuration.Settings settings, RenderOutcome withIt, string mode)
    {
        var without = RenderOutcome.Of(input, reporter => new RenderPipeline(settings, reporter) { UseSecretPath = false });
        if (without.Describe() != withIt.Describe())
        {
            throw new InvariantViolationException("readers disagree", $"{mode}: the Secret path changes the render\n--- with it:\n{withIt.Describe()}\n--- without it:\n{without.Describe()}");
        }
    }

    private static void CompareDocument(string text, string what)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var index = new YamlIndex();
        if (!index.TryBuild(utf8, ReaderLimits.Default.MaxDepth))
        {
            return;
        }

        var fast = IndexedTree.Build(index, utf8);

        Node? general;
        try
        {
            general = ReadIndependently(new RawDocument(1, 1, Encoding.UTF8.GetBytes(text), null));
        }
        catch (UserException ex)
        {
            throw new InvariantViolationException("readers disagree", $"the byte index accepts {what} the general reader refuses ({ex.Message})");
        }

        if (Difference(general, fast, "$") is { } difference)
        {
            throw new InvariantViolationException("readers disagree", $"the byte index reads {what} differently: {difference}");
        }
    }

    /// <summary>Where two trees differ in the model itself (type, tag, value, plainness, order), or null.</summary>
    private static string? Difference(Node? expected, Node? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected == actual ? null : $"{path}: {Describe(expected)} read as {Describe(actual)}";
        }

        if (expected.GetType() != actual.GetType() || expected.Tag != actual.Tag)
        {
            return $"{path}: {Describe(expected)} read as {Describe(actual)}";
        }

        switch (expected)
        {
            case ScalarNode scalar:
                var other = (ScalarNode)actual;
                return scalar.Value == other.Value && scalar.IsPlain == other.IsPlain ? null : $"{path}: {Describe(expected)} read as {Describe(actual)}";
            case SequenceNode sequence:
                var items = ((SequenceNode)actual).Items;
                return items.Count != sequence.Items.Count
                    ? $"{path}: {sequence.Items.Count} items read as {items.Count}"
                    : sequence.Items.Select((item, i) => Difference(item, items[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                var entries = ((MappingNode)actual).Entries;
                var expectedEntries = ((MappingNode)expected).Entries;
                return entries.Count != expectedEntries.Count
                    ? $"{path}: {expectedEntries.Count} entries read as {entries.Count}"
                    : expectedEntries.Select((entry, i) => Difference(entry.Key, entries[i].Key, $"{path}.key{i}") ?? Difference(entry.Value, entries[i].Value, $"{path}.{entry.Key}"))
                        .FirstOrDefault(d => d is not null);
        }
    }

    private static string Describe(Node? node) => node switch
    {
        null => "nothing",
        ScalarNode scalar => $"{(scalar.IsPlain ? "plain" : "string")} '{scalar.Value.Replace("\n", "\\n", StringComparison.Ordinal)}'",
        _ => node.GetType().Name,
    };
}
