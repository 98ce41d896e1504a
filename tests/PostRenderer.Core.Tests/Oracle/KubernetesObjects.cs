using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>One object Kubernetes would act on: a document, or an item of a list, with where it is.</summary>
/// <param name="Value">The object as Kubernetes has it (a list item with its inherited apiVersion and kind).</param>
/// <param name="Item">Its index in the list's items, or null for a whole document.</param>
public sealed record KubernetesObject(JsonObject Value, int? Item)
{
    public string? ApiVersion => KubernetesObjects.Text(Value["apiVersion"]);

    public string? Kind => KubernetesObjects.Text(Value["kind"]);

    public string? Name => KubernetesObjects.Text((Value["metadata"] as JsonObject)?["name"]);

    public bool IsSecret => ApiVersion == "v1" && Kind == "Secret";

    public string Where => Item is null ? "" : $" item {Item}";
}

/// <summary>
/// What a document means to Kubernetes, from its JSON (the oracle's reading): which objects it holds (a list's
/// items, with apiVersion and kind inherited as apimachinery's unstructured list decoding does), which of them are
/// v1 Secrets, which Secrets secret-postrenderer passes through by a documented rule, and the values they hold.
/// </summary>
public static class KubernetesObjects
{
    private static readonly HashSet<string> PassThroughTypes = new(StringComparer.Ordinal)
    {
        "kubernetes.io/service-account-token",
        "bootstrap.kubernetes.io/token",
    };

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// A document of a kind ending in "List" with an <c>items</c> array is a list; an item with neither kind nor
    /// apiVersion takes the list's apiVersion and its kind less the "List" suffix (apimachinery's unstructured list
    /// decoding). apimachinery's decoder takes any object with an <c>items</c> array for a list, but whether kubectl
    /// and helm then apply the items of a kind that is not a list kind is not settled here, so only list kinds count.
    /// </summary>
    public static JsonArray? ListItems(JsonNode document) =>
        document is JsonObject mapping && mapping["items"] is JsonArray items && (Text(mapping["kind"]) ?? "").EndsWith("List", StringComparison.Ordinal) ? items : null;

    /// <summary>The keys of a Secret's data and stringData, as Kubernetes has them.</summary>
    public static HashSet<string> SecretKeys(KubernetesObject secret) =>
        new[] { "data", "stringData" }
            .SelectMany(field => secret.Value[field] is JsonObject values ? values.Select(entry => entry.Key) : [])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The objects of a document: the document itself, or its list items (each as Kubernetes completes it).</summary>
    public static IEnumerable<KubernetesObject> Objects(JsonNode document)
    {
        if (ListItems(document) is { } items)
        {
            var list = (JsonObject)document;
            var listVersion = Text(list["apiVersion"]) ?? "";
            var itemKind = Text(list["kind"])![..^4];
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item)
                {
                    continue;
                }

                var completed = (JsonObject)item.DeepClone();
                if (string.IsNullOrEmpty(Text(item["kind"])) && string.IsNullOrEmpty(Text(item["apiVersion"])))
                {
                    completed["kind"] = itemKind;
                    completed["apiVersion"] = listVersion;
                }

                yield return new KubernetesObject(completed, i);
            }
        }
        else if (document is JsonObject single)
        {
            yield return new KubernetesObject(single, null);
        }
    }

    public static bool HoldsSecret(JsonNode document) => Objects(document).Any(item => item.IsSecret);

    /// <summary>The README's pass-through rules: token types, the skip annotation, no keys.</summary>
    public static bool PassedThroughByRule(KubernetesObject secret)
    {
        var value = secret.Value;
        if (Text(value["type"]) is { } type && PassThroughTypes.Contains(type))
        {
            return true;
        }

        if (Text(((value["metadata"] as JsonObject)?["annotations"] as JsonObject)?["secret-postrenderer/skip"]) == "true")
        {
            return true;
        }

        return Keys(value, "data") + Keys(value, "stringData") == 0;
    }

    /// <summary>The texts of a Secret's values, as written (data's base64) and as stored (decoded, when UTF-8 text).</summary>
    public static IEnumerable<string> ValueTexts(KubernetesObject secret)
    {
        foreach (var field in new[] { "data", "stringData" })
        {
            if (secret.Value[field] is not JsonObject values)
            {
                continue;
            }

            foreach (var (_, node) in values)
            {
                var text = Text(node) ?? node?.ToJsonString();
                if (text is null)
                {
                    continue;
                }

                yield return text;
                if (field == "data" && Decoded(text) is { } decoded)
                {
                    yield return decoded;
                }
            }
        }
    }

    /// <summary>Every string of a document that is not a value of a Secret's data or stringData (names, keys, labels, ...).</summary>
    public static void CollectPublicText(JsonNode document, List<string> into)
    {
        if (ListItems(document) is not null)
        {
            foreach (var (key, value) in (JsonObject)document)
            {
                into.Add(key);
                if (key != "items")
                {
                    Collect(value, into);
                }
            }

            foreach (var item in Objects(document))
            {
                CollectObject(item, into);
            }

            foreach (var other in ListItems(document)!.Where(item => item is not JsonObject))
            {
                Collect(other, into);
            }
        }
        else if (document is JsonObject mapping)
        {
            CollectObject(new KubernetesObject(mapping, null), into);
        }
        else
        {
            Collect(document, into);
        }
    }

    private static void CollectObject(KubernetesObject item, List<string> into)
    {
        foreach (var (key, value) in item.Value)
        {
            into.Add(key);
            if (item.IsSecret && key is "data" or "stringData" && value is JsonObject values)
            {
                into.AddRange(values.Select(entry => entry.Key));
            }
            else
            {
                Collect(value, into);
            }
        }
    }

    private static void Collect(JsonNode? node, List<string> into)
    {
        switch (node)
        {
            case JsonObject mapping:
                foreach (var (key, value) in mapping)
                {
                    into.Add(key);
                    Collect(value, into);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, into);
                }

                break;
            case JsonValue scalar:
                into.Add(Text(scalar) ?? scalar.ToJsonString());
                break;
        }
    }

    private static int Keys(JsonObject secret, string field) => secret[field] is JsonObject values ? values.Count : 0;

    private static string? Decoded(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
