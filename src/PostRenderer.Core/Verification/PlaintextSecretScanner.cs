using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Verification;

/// <summary>
/// Finds Secrets that hold data in YAML about to be committed: the check behind `secret-postrenderer verify`,
/// for pre-commit hooks and CI. It reports where and which keys, never the values.
/// </summary>
public static class PlaintextSecretScanner
{
    public static IEnumerable<string> Scan(Stream input, string source, int maxDocumentSize)
    {
        var reader = new NodeReader(ReaderLimits.Default);
        foreach (var raw in new DocumentSplitter(input, maxDocumentSize).ReadDocuments())
        {
            var root = reader.Read(raw);
            IEnumerable<Node> resources = CanonicalOrder.ListItems(root)?.Items ?? (root is null ? [] : [root]);
            foreach (var resource in resources)
            {
                if (resource is MappingNode secret && SecretDocument.IsSecret(secret) && KeysWithData(secret) is { Count: > 0 } keys)
                {
                    var location = SecretDocument.Locate(secret, raw.Location);
                    yield return $"{source}: {location}: plaintext Secret with data in {string.Join(", ", keys)}";
                }
            }
        }
    }

    private static List<string> KeysWithData(MappingNode secret)
    {
        var keys = new List<string>();
        foreach (var field in new[] { "data", "stringData" })
        {
            if (secret.Get(field) is MappingNode values)
            {
                keys.AddRange(values.Entries.Select(entry => $"{field}.{(entry.Key as ScalarNode)?.Value}"));
            }
        }

        return keys;
    }
}
