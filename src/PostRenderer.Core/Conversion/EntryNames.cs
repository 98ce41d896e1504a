using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Makes store entry names that each backend accepts, by the rules its definition keeps (the README documents them),
/// and refuses the rest. Two different names that the rules would turn into one are an error, never a silent merge:
/// each name made on a backend whose rules rewrite names is claimed, and only such backends can merge two names.
/// </summary>
internal sealed class EntryNames(IEntryNameClaims claims)
{
    public EntryNames()
        : this(new EntryNameClaims())
    {
    }

    /// <summary>The entry name for <paramref name="raw"/> in <paramref name="store"/>, or a DocumentException.</summary>
    public string Make(StoreSettings store, string raw, DocumentLocation location)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Make(store.Definition, EntryNameScope.Of(store), raw, location);
    }

    /// <summary>The entry name for <paramref name="raw"/> in the implicit store of <paramref name="definition"/>'s backend, or a DocumentException.</summary>
    public string Make(StoreDefinition definition, string raw, DocumentLocation location) =>
        Make(definition, EntryNameScope.Implicit(definition), raw, location);

    private string Make(StoreDefinition definition, EntryNameScope scope, string raw, DocumentLocation location)
    {
        string name;
        try
        {
            name = definition.EntryName(raw);
        }
        catch (EntryNameException ex)
        {
            throw new DocumentException(location, ex.Message);
        }

        if (definition.EntryNamesMayMerge)
        {
            claims.Claim(definition, scope, name, raw, location);
        }

        return name;
    }
}
