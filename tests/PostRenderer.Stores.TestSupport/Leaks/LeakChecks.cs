using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Stores.TestSupport.Leaks;

/// <summary>What a converted stream holds, read back with the product's own reader.</summary>
public sealed class OutputInventory
{
    /// <summary>ExternalSecret name to the Secret keys it fetches (ESO secretKey, KES name).</summary>
    public Dictionary<string, HashSet<string>> ExternalSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of the Secrets written as Secrets (passed through).</summary>
    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    public int ExternalSecretCount { get; private set; }

    public int Documents { get; private set; }

    public static OutputInventory Read(string output)
    {
        var inventory = new OutputInventory();
        foreach (var raw in new DocumentSplitter(new MemoryStream(Encoding.UTF8.GetBytes(output)), int.MaxValue / 2).ReadDocuments())
        {
            var root = new NodeReader(ReaderLimits.Default).Read(raw);
            inventory.Documents++;
            var objects = CanonicalOrder.ListItems(root)?.Items.OfType<MappingNode>()
                ?? (root is MappingNode single ? [single] : []);
            foreach (var item in objects)
            {
                var name = (item.Get("metadata") as MappingNode)?.GetString("name");
                if (name is null)
                {
                    continue;
                }

                switch (item.GetString("kind"))
                {
                    case "ExternalSecret":
                        inventory.ExternalSecretCount++;
                        inventory.ExternalSecrets[name] = ((item.Get("spec") as MappingNode)?.Get("data") as SequenceNode)?.Items.OfType<MappingNode>()
                            .Select(entry => entry.GetString("secretKey") ?? entry.GetString("name")!)
                            .ToHashSet(StringComparer.Ordinal) ?? [];
                        break;
                    case "Secret":
                        inventory.Secrets.Add(name);
                        break;
                }
            }
        }

        return inventory;
    }
}

/// <summary>The forms in which a secret value could leak, and the check over every text a run produced.</summary>
public static class LeakChecks
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The marker, then the value's <see cref="Forms(string, string, bool)"/>.</summary>
    public static IEnumerable<string> Forms(GeneratedValue value) => Forms(value.StoreText, value.SourceText, value.Binary).Prepend(value.Marker);

    /// <summary>
    /// The forms in which a value could leak, for every leak check of the tests: raw, as the input wrote it, and
    /// (text only) base64, JSON-escaped (strict and relaxed), and each line of at least 12 characters (not a PEM
    /// armour line, indented or not). Callers drop forms too short to judge in their setting.
    /// </summary>
    public static IEnumerable<string> Forms(string storeText, string sourceText, bool binary = false)
    {
        yield return storeText;
        yield return sourceText;
        if (!binary)
        {
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(storeText));
            yield return JsonEncodedText.Encode(storeText).ToString();
            yield return JsonSerializer.Serialize(storeText, Relaxed).Trim('"');
            // An armour line ("-----BEGIN ...", indented or not) is no secret: any PEM text in a ConfigMap holds it too.
            foreach (var line in storeText.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length >= 12 && !line.TrimStart().StartsWith("-----", StringComparison.Ordinal)))
            {
                yield return line;
            }
        }
    }

    /// <summary>Null when no form of any value appears in any of the texts; else which value, in which form, where.</summary>
    public static string? FindLeak(IEnumerable<GeneratedValue> values, IReadOnlyDictionary<string, string> texts)
    {
        // One search per form over all texts joined (NUL never occurs in them); the text is named only on a hit.
        var all = string.Join('\0', texts.Values);
        foreach (var value in values)
        {
            foreach (var form in Forms(value).Where(form => form.Length >= 16).Distinct(StringComparer.Ordinal))
            {
                if (all.Contains(form, StringComparison.Ordinal))
                {
                    var where = texts.First(text => text.Value.Contains(form, StringComparison.Ordinal)).Key;
                    return $"the value of key '{value.Key}' (marker {value.Marker}) appears in {where} as {Describe(form, value)}";
                }
            }
        }

        return null;
    }

    /// <summary>Every file under <paramref name="directory"/>, as text, keyed by its relative path.</summary>
    public static Dictionary<string, string> FilesUnder(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .ToDictionary(path => "split file " + Path.GetRelativePath(directory, path), File.ReadAllText, StringComparer.Ordinal)
            : [];

    private static string Describe(string form, GeneratedValue value) =>
        form == value.Marker ? "its marker" : form == value.StoreText ? "the raw value" : form == value.SourceText ? "the input's text" : "an encoded form or one line";
}
