using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Makes store entry names that each backend accepts, by the rules the README documents, and refuses the
/// rest. Two different names that the rules would turn into one are an error, never a silent merge.
/// </summary>
public sealed class EntryNames
{
    // Only backends whose rules rewrite names can merge two names into one. Hashes instead of the names keep
    // this table small on streams with hundreds of thousands of Secrets.
    private readonly Dictionary<(Backend, ulong), (ulong Raw, string Example)> claimedBy = [];

    /// <summary>The entry name for <paramref name="raw"/> on <paramref name="backend"/>, or a DocumentException.</summary>
    public string Make(Backend backend, string raw, DocumentLocation location)
    {
        var name = backend switch
        {
            Backend.Vault or Backend.File => CheckVault(raw, location),
            Backend.Aws => ForAws(raw, location),
            Backend.Gcp => Limit(Replace(raw, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', c => c == '/' ? '_' : '-'), 255, "GCP Secret Manager", location),
            Backend.Azure => Limit(Replace(raw, c => char.IsAsciiLetterOrDigit(c) || c == '-', _ => '-'), 127, "Azure Key Vault", location),
            _ => raw,
        };

        if (backend is Backend.Vault or Backend.File)
        {
            return name;
        }

        // Azure compares names ignoring case; the others exactly.
        var claimKey = Hash(backend == Backend.Azure ? name.ToLowerInvariant() : name);
        var rawHash = Hash(raw);
        if (claimedBy.TryGetValue((backend, claimKey), out var earlier))
        {
            if (earlier.Raw != rawHash)
            {
                throw new DocumentException(location,
                    $"store entry '{raw}' and '{earlier.Example}' both become '{name}' under the {SettingNames.Name(backend)} naming rules; set a distinct entryName for one of them");
            }

            return name;
        }

        // The first name is kept for the message only while the table is small; later ones are named by hash.
        claimedBy[(backend, claimKey)] = (rawHash, claimedBy.Count < 4096 ? raw : "an earlier entry");
        return name;
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

    private static string CheckVault(string raw, DocumentLocation location)
    {
        if (raw.Length == 0 || HasBadSegment(raw))
        {
            throw new DocumentException(location, $"store entry '{raw}' is not a valid path (empty, '.' or '..' segment); fix entryName");
        }

        return raw;
    }

    private static bool HasBadSegment(string path)
    {
        foreach (var segment in path.AsSpan().Split('/'))
        {
            var text = path.AsSpan(segment);
            if (text.IsEmpty || text is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string ForAws(string raw, DocumentLocation location)
    {
        foreach (var c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c, StringComparison.Ordinal)))
            {
                throw new DocumentException(location, $"store entry '{raw}' has '{c}', which AWS Secrets Manager does not allow in names; fix entryName");
            }
        }

        // AWS reads a trailing '-' plus six characters as its own random ARN suffix; keep names from looking like one.
        var name = raw.Length > 7 && raw[^7] == '-' ? raw[..^7] + "_" + raw[^6..] : raw;
        return Limit(name, 512, "AWS Secrets Manager", location);
    }

    private static string Replace(string raw, Func<char, bool> allowed, Func<char, char> replacement) =>
        string.Create(raw.Length, raw, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = allowed(source[i]) ? source[i] : replacement(source[i]);
            }
        });

    private static string Limit(string name, int max, string store, DocumentLocation location) =>
        name.Length is > 0 && name.Length <= max
            ? name
            : throw new DocumentException(location, $"store entry '{name}' is {name.Length} characters long; {store} allows 1 to {max}; set a shorter entryName");
}
