using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Where <see cref="EntryNames"/> claims each entry name it makes on a backend whose rules rewrite names: the one
/// check that depends on the documents before this one (<see cref="EntryNameClaims"/>), or a record of the claims to
/// make in input order later, when documents are rendered on several threads (the render journal).
/// </summary>
internal interface IEntryNameClaims
{
    /// <summary>
    /// Claims <paramref name="name"/>, made from <paramref name="raw"/> in the store <paramref name="store"/> (names
    /// of different stores never meet), or throws a DocumentException.
    /// </summary>
    void Claim(StoreDefinition definition, EntryNameScope store, string name, string raw, DocumentLocation location);
}
