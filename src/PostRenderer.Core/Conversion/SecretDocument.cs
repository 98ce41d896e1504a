using System.Buffers;
using System.Text.Unicode;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>The parts of a Kubernetes Secret the converter uses, checked.</summary>
internal sealed class SecretDocument
{
    private SecretDocument(string name, string? @namespace, string type, bool immutable, MappingNode labels, MappingNode annotations, IReadOnlyList<SecretValue> values)
    {
        Name = name;
        Namespace = @namespace;
        Type = type;
        Immutable = immutable;
        Labels = labels;
        Annotations = annotations;
        Values = values;
    }

    public string Name { get; }

    /// <summary>The namespace the Secret names itself; null when it leaves that to helm or kubectl.</summary>
    public string? Namespace { get; }

    public string Type { get; }

    public bool Immutable { get; }

    public MappingNode Labels { get; }

    public MappingNode Annotations { get; }

    /// <summary>Keys of data and stringData (stringData winning), sorted by key.</summary>
    public IReadOnlyList<SecretValue> Values { get; }

    public static bool IsSecret(MappingNode mapping) =>
        mapping.GetString("apiVersion") == "v1" && mapping.GetString("kind") == "Secret";

    public static DocumentLocation Locate(MappingNode mapping, DocumentLocation location)
    {
        var metadata = mapping.Get("metadata") as MappingNode;
        return location with
        {
            Kind = mapping.GetString("kind"),
            Name = metadata?.GetString("name"),
            Namespace = metadata?.GetString("namespace"),
        };
    }

    /// <summary>For <see cref="IndexedSecret"/>, which has checked every part as <see cref="Read"/> does; values sorted by key.</summary>
    internal static SecretDocument FromParts(string name, string? @namespace, string? type, bool immutable, MappingNode labels, MappingNode annotations, List<SecretValue> values) =>
        new(name, @namespace is { Length: > 0 } ? @namespace : null, type is { Length: > 0 } ? type : "Opaque", immutable, labels, annotations, values);

    public static SecretDocument Read(MappingNode secret, DocumentLocation location)
    {
        var metadata = secret.Get("metadata") as MappingNode
            ?? throw new DocumentException(location, "the Secret has no metadata; add metadata.name");
        var name = KubernetesText.Of(metadata.Get("name"), "metadata.name", location);
        if (string.IsNullOrEmpty(name))
        {
            throw new DocumentException(location, "the Secret has no metadata.name; give it a name");
        }

        var values = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var value in ReadData(secret, location))
        {
            values[value.Key] = value;
        }

        foreach (var value in ReadStringData(secret, location))
        {
            values[value.Key] = value;
        }

        return new SecretDocument(
            name,
            KubernetesText.Of(metadata.Get("namespace"), "metadata.namespace", location) is { Length: > 0 } ns ? ns : null,
            KubernetesText.Of(secret.Get("type"), "type", location) is { Length: > 0 } type ? type : "Opaque",
            KubernetesText.IsTrue(secret.Get("immutable"), "immutable", location),
            StringMap(metadata, "labels", location),
            StringMap(metadata, "annotations", location),
            SortedByKey(values));
    }

    private static List<SecretValue> SortedByKey(Dictionary<string, SecretValue> values)
    {
        var keys = new List<string>(values.Keys);
        keys.Sort(StringComparer.Ordinal);
        var sorted = new List<SecretValue>(keys.Count);
        foreach (var key in keys)
        {
            sorted.Add(values[key]);
        }

        return sorted;
    }

    private static IEnumerable<SecretValue> ReadData(MappingNode secret, DocumentLocation location)
    {
        foreach (var (key, node) in Entries(secret, "data", location))
        {
            var text = KubernetesText.Of(node, $"data.{key}", location) ?? "";
            var (isText, length) = CheckBase64(text) ?? throw new DocumentException(location, $"data.{key} is not valid base64; encode the value, or move it to stringData");

            // Bytes that are not UTF-8 text are stored base64-encoded, and ESO decodes them (decodingStrategy: Base64).
            yield return SecretValue.ForData(key, text, isBinary: !isText, isEmpty: length == 0);
        }
    }

    /// <summary>Decodes into a scratch buffer to learn whether the bytes are UTF-8 text; null when it is not base64.</summary>
    internal static (bool IsText, int Length)? CheckBase64(string base64)
    {
        var size = (base64.Length / 4 * 3) + 3;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            return Convert.TryFromBase64String(base64, buffer, out var written) ? (Utf8.IsValid(buffer.AsSpan(0, written)), written) : null;
        }
        finally
        {
            // The pool must not keep the secret's bytes (a failed decode may have written some too); beyond size, nothing was written.
            buffer.AsSpan(0, size).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<SecretValue> ReadStringData(MappingNode secret, DocumentLocation location)
    {
        foreach (var (key, node) in Entries(secret, "stringData", location))
        {
            var text = KubernetesText.Of(node, $"stringData.{key}", location) ?? "";
            yield return SecretValue.ForStringData(key, text);
        }
    }

    private static IEnumerable<(string Key, Node Value)> Entries(MappingNode secret, string field, DocumentLocation location)
    {
        var node = secret.Get(field);
        if (node is null or ScalarNode { IsNull: true })
        {
            yield break;
        }

        if (node is not MappingNode mapping)
        {
            throw new DocumentException(location, $"{field} must be a mapping of key to value");
        }

        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (keyNode is not ScalarNode { Value: var key } || !IsValidKey(key))
            {
                throw new DocumentException(location,
                    $"{field} has the key '{(keyNode as ScalarNode)?.Value ?? "(not a string)"}'; Secret keys may hold only letters, digits, '-', '_' and '.'");
            }

            if (value is not ScalarNode scalar)
            {
                throw new DocumentException(location, $"{field}.{key} must be a string, not a {(value is MappingNode ? "mapping" : "list")}");
            }

            // A null (key with no value) is an empty value, as kubectl reads it; the caller reads the scalar.
            yield return (key, scalar);
        }
    }

    private static MappingNode StringMap(MappingNode metadata, string field, DocumentLocation location)
    {
        var node = metadata.Get(field);
        switch (node)
        {
            case null or ScalarNode { IsNull: true }:
                return new MappingNode();
            case MappingNode mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    // Kubernetes takes only text here: a plain true or 1 would fail the Secret, and so the ExternalSecret.
                    KubernetesText.Of(value, $"metadata.{field}.{(key as ScalarNode)?.Value}", location);
                }

                return mapping;
            default:
                throw new DocumentException(location, $"metadata.{field} must be a mapping");
        }
    }

    /// <summary>Kubernetes' rule for Secret keys, which ESO's secretKey shares: <c>^[-._a-zA-Z0-9]+$</c>.</summary>
    public static bool IsValidKey(string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return key.Length > 0;
    }
}
