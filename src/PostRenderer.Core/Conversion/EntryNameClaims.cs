using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// The entry names claimed so far in a render: two different names that a backend's rules turn into one entry of
/// one store are an error at the second, never a silent merge. Names in different stores never meet.
/// </summary>
internal sealed class EntryNameClaims : IEntryNameClaims
{
    // Hashes instead of the names keep this table small on streams with hundreds of thousands of Secrets.
    private readonly Dictionary<(EntryNameScope, ulong), (ulong Raw, string Example)> claimedBy = [];

    public void Claim(StoreDefinition definition, EntryNameScope store, string name, string raw, DocumentLocation location)
    {
        var claimKey = Hash(definition.EntryNamesIgnoreCase ? name.ToLowerInvariant() : name);
        var rawHash = Hash(raw);
        if (claimedBy.TryGetValue((store, claimKey), out var earlier))
        {
            if (earlier.Raw != rawHash)
            {
                throw new DocumentException(location,
                    $"store entry '{raw}' and '{earlier.Example}' both become '{name}' in {store.Describe(definition)} under the {definition.Name} naming rules; set a distinct entryName for one of them");
            }

            return;
        }

        // The first name is kept for the message only while the table is small; later ones are named by hash.
        claimedBy[(store, claimKey)] = (rawHash, claimedBy.Count < 4096 ? raw : "an earlier entry");
    }

    // FNV-1a: names are not secret and not adversarial here; 64 bits make an accidental clash negligible.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
