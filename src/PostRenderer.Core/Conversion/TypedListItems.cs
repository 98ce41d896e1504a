using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// The type apimachinery gives the items of a typed list (<c>SecretList</c>, <c>ConfigMapList</c>, ...) that name
/// neither apiVersion nor kind: the list's apiVersion and its kind without "List".
/// </summary>
internal sealed class TypedListItems
{
    private readonly MappingNode list;
    private readonly string? apiVersion;
    private readonly string itemKind;

    private TypedListItems(MappingNode list, string? apiVersion, string itemKind)
    {
        this.list = list;
        this.apiVersion = apiVersion;
        this.itemKind = itemKind;
    }

    public static TypedListItems Of(MappingNode list)
    {
        var kind = list.GetString("kind") ?? "";
        var itemKind = kind.EndsWith("List", StringComparison.Ordinal) ? kind[..^"List".Length] : "";
        return new TypedListItems(list, list.GetString("apiVersion"), itemKind);
    }

    /// <summary>Whether untyped items are v1 Secrets.</summary>
    public bool IsSecretList => itemKind == "Secret" && apiVersion == "v1";

    /// <summary>An item that takes its type from the list (apimachinery: only when both apiVersion and kind are empty).</summary>
    public bool IsUntyped(MappingNode item) => IsEmpty(item.Get("apiVersion")) && IsEmpty(item.Get("kind"));

    /// <summary>Writes the type the item takes from the list into the item itself.</summary>
    public void SpellOut(MappingNode item)
    {
        if (itemKind.Length == 0 || apiVersion is null)
        {
            return;
        }

        Set(item, "apiVersion", apiVersion);
        Set(item, "kind", itemKind);
    }

    /// <summary>Makes the list a <c>v1</c> <c>List</c>, whose items must each say what they are.</summary>
    public void BecomePlainList(SequenceNode items)
    {
        foreach (var item in items.Items)
        {
            if (item is MappingNode mapping && IsUntyped(mapping))
            {
                SpellOut(mapping);
            }
        }

        Set(list, "apiVersion", "v1");
        Set(list, "kind", "List");
    }

    private static bool IsEmpty(Node? node) => node is null || node is ScalarNode { IsNull: true } || node is ScalarNode { Value.Length: 0 };

    private static void Set(MappingNode mapping, string key, string value)
    {
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key is ScalarNode { Value: var name } && name == key)
            {
                entries[i] = new(entries[i].Key, ScalarNode.String(value));
                return;
            }
        }

        mapping.Add(key, value);
    }
}
