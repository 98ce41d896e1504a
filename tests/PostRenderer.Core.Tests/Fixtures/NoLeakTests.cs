using System.Text;
using System.Text.Json;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Fixtures;

/// <summary>
/// No value of a converted Secret's stored keys may appear in any output or message: not raw, not base64,
/// not JSON-escaped. (Unsecured keys and passed-through Secrets are shown on purpose and are left out.)
/// </summary>
public sealed class NoLeakTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public void No_stored_value_reaches_output_or_messages(string name)
    {
        var fixture = FixtureCase.Named(name);
        var run = fixture.Run();
        var outputSecrets = ConvertedNames(run.Output);
        var checkedValues = 0;
        foreach (var secret in InputSecrets(File.ReadAllBytes(fixture.InputPath)))
        {
            if (!outputSecrets.TryGetValue(secret.Name, out var storedKeys))
            {
                continue;
            }

            foreach (var value in secret.Values.Where(value => storedKeys.Contains(value.Key) && value.StoreText.Length >= 4))
            {
                foreach (var form in LeakChecks.Forms(value.StoreText, value.SourceText))
                {
                    Assert.DoesNotContain(form, run.Output, StringComparison.Ordinal);
                    Assert.DoesNotContain(form, run.Errors, StringComparison.Ordinal);
                }

                checkedValues++;
            }
        }

        if (File.ReadAllText(fixture.InputPath).Contains("kind: Secret", StringComparison.Ordinal) && !name.Contains("passed", StringComparison.Ordinal))
        {
            Assert.True(checkedValues > 0, "a fixture with Secrets must have values to check");
        }
    }

    public static TheoryData<string> Cases() => FixtureCase.Names();

    /// <summary>Secrets of the input with their decoded values, read with the product's own reader.</summary>
    private static List<SecretDocument> InputSecrets(byte[] input)
    {
        var result = new List<SecretDocument>();
        using var reader = Core.ProcessIO.StandardStreams.OpenInput(new MemoryStream(input));
        foreach (var raw in new DocumentSplitter(reader, int.MaxValue / 2).ReadDocuments())
        {
            var root = new NodeReader(ReaderLimits.Default).Read(raw);
            IEnumerable<Node> candidates = CanonicalOrder.ListItems(root)?.Items ?? [root!];
            var typed = root is MappingNode list ? TypedListItems.Of(list) : null;
            foreach (var candidate in candidates)
            {
                if (typed is { IsSecretList: true } && candidate is MappingNode item && typed.IsUntyped(item))
                {
                    typed.SpellOut(item); // a SecretList's kind-less items are Secrets
                }

                if (candidate is MappingNode secret && SecretDocument.IsSecret(secret))
                {
                    result.Add(SecretDocument.Read(secret, new DocumentLocation(raw.Index, raw.StartLine)));
                }
            }
        }

        return result;
    }

    /// <summary>For each ExternalSecret in the output, the Secret keys it fetches from the store.</summary>
    private static Dictionary<string, HashSet<string>> ConvertedNames(string output)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var raw in new DocumentSplitter(TestDocuments.Utf8(output), int.MaxValue / 2).ReadDocuments())
        {
            var root = new NodeReader(ReaderLimits.Default).Read(raw) as MappingNode;
            var objects = CanonicalOrder.ListItems(root)?.Items.OfType<MappingNode>() ?? [root!];
            foreach (var item in objects.Where(item => item?.GetString("kind") == "ExternalSecret"))
            {
                var name = ((MappingNode)item.Get("metadata")!).GetString("name")!;
                var data = (item.Get("spec") as MappingNode)?.Get("data") as SequenceNode;
                result[name] = data?.Items.OfType<MappingNode>()
                    .Select(entry => entry.GetString("secretKey") ?? entry.GetString("name")!)
                    .ToHashSet(StringComparer.Ordinal) ?? [];
            }
        }

        return result;
    }
}
