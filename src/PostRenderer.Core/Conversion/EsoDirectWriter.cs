using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// <see cref="EsoWriter"/>'s documents written from bytes: a Secret that <see cref="IndexedSecret"/> read is
/// turned into its ExternalSecret straight from the Secret's text, with canonical pieces rendered once. The tree
/// writer stays the reference; a differential test holds the two to the same bytes.
/// </summary>
internal sealed class EsoDirectWriter(string apiVersion, string refreshInterval)
{
    private static readonly byte[] Policies = Encoding.UTF8.GetBytes(CanonicalEmitter.Render(e =>
    {
        e.WriteEntry(4, "creationPolicy", "Owner");
        e.WriteEntry(4, "deletionPolicy", "Retain");
    }));

    // Canonical text rendered once and reused: the document's head, and the spec up to the target for one store.
    private byte[]? head;
    private byte[]? specHead;
    private SecretStoreRef? specHeadStore;

    private byte[] Head => head ??= Encoding.UTF8.GetBytes(CanonicalEmitter.Render(e =>
    {
        e.WriteEntry(0, "apiVersion", apiVersion);
        e.WriteEntry(0, "kind", "ExternalSecret");
        e.WriteCollectionStart(0, "metadata");
    }));

    /// <summary>
    /// Writes the ExternalSecret of a Secret that <see cref="IndexedSecret"/> read, that no rule names and that
    /// has no annotations, from the Secret's own text into <paramref name="into"/>: byte for byte the document that
    /// <see cref="EsoWriter.Write"/> builds for its plan and the emitter writes, without a plan, a tree or a string per scalar
    /// (bench/history.md, eighth round); a differential test holds the two forms together. False, with nothing
    /// written, when a scalar needs more than plain or simply double-quoted ASCII, which only the tree form writes.
    /// </summary>
    /// <param name="entry">The store entry every key goes to, as UTF-8 (the planner's for a Secret without a rule).</param>
    /// <param name="into">Cleared first; holds the document when this returns true.</param>
    internal bool TryWrite(IndexedSecret secret, ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> entry, SecretStoreRef storeRef, ReadOnlySpan<byte> sourceComment, Utf8TextBuffer into)
    {
        into.Clear();
        return secret.Annotations.Count == 0 && TryWriteDocument(secret, utf8, entry, storeRef, sourceComment, into);
    }

    private bool TryWriteDocument(IndexedSecret secret, ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> entry, SecretStoreRef storeRef, ReadOnlySpan<byte> sourceComment, Utf8TextBuffer into)
    {
        var name = secret.Name.In(utf8);
        into.Write("---\n"u8);
        if (!sourceComment.IsEmpty)
        {
            into.Write(sourceComment);
            into.Write((byte)'\n');
        }

        into.Write(Head);
        if (!AsciiScalarWriter.TryWriteEntry(into, "  name:"u8, name, resolved: false)
            || (secret.Namespace is { Length: > 0 } ns && !AsciiScalarWriter.TryWriteEntry(into, "  namespace:"u8, ns.In(utf8), resolved: false))
            || (secret.Labels.Count > 0 && !TryAppendLabels(into, "  labels:"u8, "    "u8, secret.Labels, utf8)))
        {
            return false;
        }

        into.Write(SpecHead(storeRef));
        if (!AsciiScalarWriter.TryWriteEntry(into, "    name:"u8, name, resolved: false))
        {
            return false;
        }

        into.Write(Policies);
        if (secret.Immutable)
        {
            into.Write("    immutable: true\n"u8);
        }

        into.Write("    template:\n"u8);
        if (!AsciiScalarWriter.TryWriteEntry(into, "      type:"u8, secret.Type is { Length: > 0 } type ? type.In(utf8) : "Opaque"u8, resolved: false))
        {
            return false;
        }

        into.Write("      metadata:\n"u8);
        if (!TryAppendLabels(into, "        labels:"u8, "          "u8, secret.Labels, utf8))
        {
            return false;
        }

        into.Write("        annotations: {}\n  data:\n"u8);
        foreach (var value in secret.Values)
        {
            var key = value.Key.In(utf8);
            if (!AsciiScalarWriter.TryWriteEntry(into, "    - secretKey:"u8, key, resolved: false)
                || !AsciiScalarWriter.TryWriteEntry(into, "      remoteRef:\n        key:"u8, entry, resolved: false)
                || !AsciiScalarWriter.TryWriteEntry(into, "        property:"u8, key, resolved: false))
            {
                return false;
            }

            if (value.IsBinary)
            {
                into.Write("        decodingStrategy: Base64\n"u8);
            }
        }

        return true;
    }

    /// <summary>A label mapping under <paramref name="field"/>, its entries at <paramref name="indent"/>; <c>{}</c> when empty.</summary>
    private static bool TryAppendLabels(Utf8TextBuffer into, ReadOnlySpan<byte> field, ReadOnlySpan<byte> indent, List<IndexedSecret.Entry> labels, ReadOnlySpan<byte> utf8)
    {
        into.Write(field);
        if (labels.Count == 0)
        {
            into.Write(" {}\n"u8);
            return true;
        }

        into.Write("\n"u8);
        foreach (var label in labels)
        {
            // A key is written as the emitter writes it: Kubernetes' reading has made every key a string (JSON keys), so
            // it is plain only when it reads back as that string (".x" or "1" are quoted there, and left to it here).
            var key = label.Key.In(utf8);
            if (AsciiScalarWriter.StyleOf(key, resolved: false) != CanonicalStyle.Plain)
            {
                return false;
            }

            into.Write(indent);
            into.Write(key);
            if (!AsciiScalarWriter.TryWriteEntry(into, ":"u8, label.Value.In(utf8), resolved: label.Plain))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>From <c>spec:</c> to <c>target:</c>, the same for every Secret of one store: rendered once per store.</summary>
    private byte[] SpecHead(SecretStoreRef storeRef)
    {
        if (!ReferenceEquals(storeRef, specHeadStore))
        {
            (specHead, specHeadStore) = (RenderSpecHead(storeRef), storeRef);
        }

        return specHead!;
    }

    // Apart from SpecHead: the lambda's captured state would otherwise be allocated on every call, not only this one.
    private byte[] RenderSpecHead(SecretStoreRef storeRef) => Encoding.UTF8.GetBytes(CanonicalEmitter.Render(e =>
    {
        e.WriteCollectionStart(0, "spec");
        e.WriteEntry(2, "refreshInterval", refreshInterval);
        e.WriteCollectionStart(2, "secretStoreRef");
        e.WriteEntry(4, "kind", storeRef.Kind);
        e.WriteEntry(4, "name", storeRef.Name);
        e.WriteCollectionStart(2, "target");
    }));
}
