using System.Text;
using System.Text.Json;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Fuzz;

/// <summary>One document of the input as the independent reading saw it.</summary>
/// <param name="Root">The tree, or null when the document holds no node or could not be read.</param>
/// <param name="Unreadable">YamlDotNet's parser refused it (the tool must refuse it too, or copy it under --preserve).</param>
/// <param name="HoldsSecret">It is, or it lists, a v1 Secret as Kubernetes reads it.</param>
internal sealed record InputDocument(string Text, Node? Root, bool Unreadable, bool HoldsSecret);

/// <summary>
/// The input read independently of the render: split, each document read as go-yaml v2 reads it (<see cref="KubernetesReader"/>),
/// and every Secret found as Kubernetes finds them (merge keys, !!binary, kind-less items of a SecretList). It
/// yields the values that must never be shown, and the text that is public (so a value that also appears there
/// may be shown without a leak).
/// </summary>
internal sealed class InputReading
{
    /// <summary>Shorter values are skipped: they occur in the YAML's own structure by chance.</summary>
    public const int MinimumValueLength = 4;

    private static readonly HashSet<string> PassThroughTypes = ["kubernetes.io/service-account-token", "bootstrap.kubernetes.io/token"];

    public List<InputDocument> Documents { get; } = [];

    /// <summary>Each protected value with the forms it could leak in (raw, as written, base64, JSON-escaped, long lines).</summary>
    public List<(string Key, List<string> Forms)> Values { get; } = [];

    public List<string> PublicText { get; } = [];

    /// <summary>The splitter refused the stream: documents after that point are unknown.</summary>
    public bool SplitFailed { get; private set; }

    public static InputReading Of(byte[] input)
    {
        var reading = new InputReading();
        try
        {
            using var reader = StandardStreams.OpenInput(new MemoryStream(input, writable: false));
            foreach (var raw in new DocumentSplitter(reader, RenderOutcome.Canonical.MaxDocumentSize).ReadDocuments())
            {
                reading.Add(raw);
            }
        }
        catch (UserException)
        {
            reading.SplitFailed = true;
        }

        return reading;
    }

    private void Add(RawDocument raw)
    {
        var text = raw.Text;
        if (raw.SourceComment is { } comment)
        {
            PublicText.Add(comment);
        }

        if (!KubernetesReader.TryRead(text, out var root))
        {
            // Nothing is known of its values; the tool must refuse it or copy it as it is.
            Documents.Add(new InputDocument(text, null, Unreadable: true, HoldsSecret: false));
            PublicText.Add(text);
            return;
        }

        var secrets = SecretsIn(root).ToList();
        Documents.Add(new InputDocument(text, root, Unreadable: false, HoldsSecret: secrets.Count > 0));
        if (secrets.Count == 0)
        {
            PublicText.Add(text); // comments included: --preserve copies them
            return;
        }

        var valueMappings = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var secret in secrets)
        {
            AddSecret(secret, valueMappings);
        }

        CollectPublic(root, valueMappings, new HashSet<Node>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>The v1 Secrets a document is or lists, each as its merged entries.</summary>
    private static IEnumerable<Dictionary<string, Node>> SecretsIn(Node? root)
    {
        if (root is not MappingNode mapping)
        {
            yield break;
        }

        var entries = KubernetesMeaning.Entries(mapping);
        var kind = KubernetesMeaning.AsString(entries.GetValueOrDefault("kind"));
        var apiVersion = KubernetesMeaning.AsString(entries.GetValueOrDefault("apiVersion"));
        if (IsSecret(apiVersion, kind))
        {
            yield return entries;
        }
        else if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && entries.GetValueOrDefault("items") is SequenceNode items)
        {
            // apimachinery gives a typed list's kind-less items the list's item type: a SecretList holds v1 Secrets.
            var itemKind = kind == "SecretList" && apiVersion == "v1" ? "Secret" : null;
            foreach (var item in items.Items.OfType<MappingNode>())
            {
                var itemEntries = KubernetesMeaning.Entries(item);
                var ownKind = KubernetesMeaning.AsString(itemEntries.GetValueOrDefault("kind"));
                var ownVersion = KubernetesMeaning.AsString(itemEntries.GetValueOrDefault("apiVersion"));
                if (IsSecret(ownVersion ?? (ownKind is null ? apiVersion : null), ownKind ?? itemKind))
                {
                    yield return itemEntries;
                }
            }
        }
    }

    private static bool IsSecret(string? apiVersion, string? kind) => apiVersion == "v1" && kind == "Secret";

    private void AddSecret(Dictionary<string, Node> secret, HashSet<Node> valueMappings)
    {
        var metadata = secret.GetValueOrDefault("metadata") is MappingNode meta ? KubernetesMeaning.Entries(meta) : [];
        var name = KubernetesMeaning.AsString(metadata.GetValueOrDefault("name")) ?? "";
        var ns = KubernetesMeaning.AsString(metadata.GetValueOrDefault("namespace"));
        PublicText.Add($"{(string.IsNullOrEmpty(ns) ? RenderOutcome.Canonical.Namespace : ns)}/{name}");
        var annotations = metadata.GetValueOrDefault("annotations") is MappingNode notes ? KubernetesMeaning.Entries(notes) : [];
        var passedThrough = PassThroughTypes.Contains(KubernetesMeaning.AsString(secret.GetValueOrDefault("type")) ?? "")
            || string.Equals(KubernetesMeaning.AsString(annotations.GetValueOrDefault("secret-postrenderer/skip")), "true", StringComparison.OrdinalIgnoreCase);
        foreach (var field in (string[])["data", "stringData"])
        {
            if (secret.GetValueOrDefault(field) is not MappingNode values)
            {
                continue;
            }

            valueMappings.Add(values);
            foreach (var (key, node) in KubernetesMeaning.Entries(values))
            {
                if (node is not ScalarNode scalar || KubernetesMeaning.Resolve(scalar).Type is "null")
                {
                    continue;
                }

                if (passedThrough)
                {
                    // Copied to the output as it is (with a warning): the same text in a converted Secret is no leak.
                    PublicText.Add(scalar.Value);
                }
                else
                {
                    AddValue(key, scalar.Value, field == "data");
                }
            }
        }
    }

    private void AddValue(string key, string written, bool base64)
    {
        var forms = new List<string> { written };
        var value = written;
        if (base64)
        {
            var buffer = new byte[written.Length];
            value = Convert.TryFromBase64String(written, buffer, out var length) && new UTF8Encoding(false, true) is var strict
                ? TryDecode(strict, buffer.AsSpan(0, length)) ?? written
                : written;
        }

        forms.Add(value);
        forms.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        forms.Add(JsonEncodedText.Encode(value).ToString());
        forms.AddRange(value.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal)));
        Values.Add((key, forms.Where(form => form.Length >= MinimumValueLength).Distinct(StringComparer.Ordinal).ToList()));
    }

    private static string? TryDecode(UTF8Encoding strict, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null; // binary: only its base64 text could leak, and that is a form already
        }
    }

    /// <summary>
    /// Every scalar of a Secret-holding document but the values in the Secrets' data and stringData: names, labels,
    /// keys, other objects. A value aliased to a public place (a name) is public there.
    /// </summary>
    private void CollectPublic(Node? node, HashSet<Node> valueMappings, HashSet<Node> visited)
    {
        if (node is null || !visited.Add(node))
        {
            return;
        }

        switch (node)
        {
            case ScalarNode scalar:
                PublicText.Add(scalar.Value);
                break;
            case SequenceNode sequence:
                sequence.Items.ForEach(item => CollectPublic(item, valueMappings, visited));
                break;
            case MappingNode mapping:
                var keysOnly = valueMappings.Contains(mapping);
                foreach (var (key, value) in mapping.Entries)
                {
                    CollectPublic(key, valueMappings, visited);
                    if (!keysOnly)
                    {
                        CollectPublic(value, valueMappings, visited);
                    }
                }

                break;
        }
    }
}
