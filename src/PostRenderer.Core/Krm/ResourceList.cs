using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Krm;

/// <summary>
/// The input and output of a KRM function (kustomize, kpt): one document of kind ResourceList, apiVersion
/// config.kubernetes.io/v1, holding the resources as <c>items</c> and the function's settings as <c>functionConfig</c>.
/// </summary>
/// <remarks>Public only so that the CLI can detect one and hand it to <see cref="KrmFunction"/>; what it holds stays inside Core.</remarks>
public sealed class ResourceList
{
    internal ResourceList(SequenceNode items, MappingNode? functionConfig)
    {
        Items = items;
        FunctionConfig = functionConfig;
    }

    public const string ApiVersion = "config.kubernetes.io/v1";
    public const string Kind = "ResourceList";

    internal SequenceNode Items { get; }

    internal MappingNode? FunctionConfig { get; }

    // How much of stdin is looked at to tell a ResourceList from a stream of manifests: kind comes early in both.
    private const int HeadBytes = 4096;

    /// <summary>
    /// Reads the start of <paramref name="input"/>; when it may be a ResourceList, reads it all (up to
    /// <paramref name="maxBytes"/>) and parses it. <paramref name="rest"/> is the stream to render from otherwise:
    /// the same bytes, none lost.
    /// </summary>
    public static ResourceList? Detect(Stream input, int maxBytes, out Stream rest)
    {
        var head = new byte[HeadBytes];
        var length = ReadHead(input, head);
        if (FirstKindIsResourceList(head.AsSpan(0, length)) != true)
        {
            rest = new ProcessIO.PrefixedStream(head.AsMemory(0, length), input);
            return null;
        }

        var all = new MemoryStream();
        all.Write(head, 0, length);
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0 && all.Length <= maxBytes)
        {
            all.Write(buffer, 0, read);
        }

        var bytes = all.ToArray();
        rest = new MemoryStream(bytes, writable: false);
        return all.Length > maxBytes ? null : TryParse(bytes);
    }

    /// <summary>The ResourceList these bytes hold, or null when they hold anything else (then they are rendered as manifests).</summary>
    internal static ResourceList? TryParse(byte[] utf8)
    {
        var documents = new List<Node>();
        var reader = new NodeReader(ReaderLimits.Default);
        foreach (var document in new DocumentSplitter(new MemoryStream(utf8), utf8.Length + 1).ReadDocuments())
        {
            if (reader.Read(document) is { } node)
            {
                documents.Add(node);
            }
        }

        if (documents is not [MappingNode root] || root.GetString("kind") != Kind || root.GetString("apiVersion") != ApiVersion)
        {
            return null;
        }

        return new ResourceList(root.Get("items") as SequenceNode ?? new SequenceNode(), root.Get("functionConfig") as MappingNode);
    }

    /// <summary>Every document of a rendered YAML stream, as the items of the ResourceList to answer with.</summary>
    internal static SequenceNode ItemsOf(byte[] utf8)
    {
        var items = new SequenceNode();
        var reader = new NodeReader(ReaderLimits.Default);
        foreach (var document in new DocumentSplitter(new MemoryStream(utf8), utf8.Length + 1).ReadDocuments())
        {
            if (reader.Read(document) is { } node)
            {
                items.Items.Add(node);
            }
        }

        return items;
    }

    /// <summary>The items as one YAML stream, the render's input.</summary>
    internal byte[] ItemsAsYaml()
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new CanonicalEmitter(text);
        foreach (var item in Items.Items)
        {
            emitter.WriteDocument(item, sourceComment: null);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Reads until the first top-level kind line is whole (or the head is full, or the input ended), and no further: a
    // stream of manifests that arrives slowly must start rendering as soon as it would without this look.
    private static int ReadHead(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && FirstKindIsResourceList(buffer.AsSpan(0, total)) is null && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    // Whether the first line that starts with "kind:" names ResourceList; null until that line has ended.
    private static bool? FirstKindIsResourceList(ReadOnlySpan<byte> text)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var end = text[lineStart..].IndexOf((byte)'\n');
            if (end < 0)
            {
                return null;
            }

            var line = text.Slice(lineStart, end);
            if (line.StartsWith("kind:"u8))
            {
                return line[5..].Trim(" \t\r\"'"u8).SequenceEqual("ResourceList"u8);
            }

            lineStart += end + 1;
        }

        return null;
    }
}
