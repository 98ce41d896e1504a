using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Makes store entry names that each backend accepts, by the rules the README documents, and refuses the
/// rest. Two different names that the rules would turn into one are an error, never a silent merge: each name made
/// on a backend whose rules rewrite names is claimed, and only such backends can merge two names into one.
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
        return Make(store.Backend, EntryNameScope.Of(store), raw, location);
    }

    /// <summary>The entry name for <paramref name="raw"/> in the implicit store of <paramref name="backend"/>, or a DocumentException.</summary>
    public string Make(Backend backend, string raw, DocumentLocation location) =>
        Make(backend, EntryNameScope.Implicit(backend), raw, location);

    private string Make(Backend backend, EntryNameScope scope, string raw, DocumentLocation location)
    {
        var name = backend switch
        {
            Backend.Vault or Backend.File => CheckVault(raw, location),
            Backend.Aws => ForAws(raw, location),
            Backend.Gcp => Limit(Replace(raw, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', c => c == '/' ? '_' : '-'), 255, "GCP Secret Manager", location),
            Backend.ParameterStore => ForParameterStore(raw, location),
            Backend.Azure => Limit(Replace(raw, c => char.IsAsciiLetterOrDigit(c) || c == '-', _ => '-'), 127, "Azure Key Vault", location),
            Backend.Alibaba => ForAlibaba(raw, location),
            _ => raw,
        };

        if (backend is not (Backend.Vault or Backend.File))
        {
            claims.Claim(backend, scope, name, raw, location);
        }

        return name;
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

    /// <summary>KMS secret names: letters, digits and <c>_/+=.@-</c>, up to 192 characters; refused, not rewritten.</summary>
    private static string ForAlibaba(string raw, DocumentLocation location)
    {
        foreach (var c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c, StringComparison.Ordinal)))
            {
                throw new DocumentException(location, $"store entry '{raw}' has '{c}', which Alibaba Cloud KMS does not allow in secret names; fix entryName");
            }
        }

        return Limit(raw, 192, "Alibaba Cloud KMS", location);
    }

    /// <summary>
    /// Parameter names: letters, digits and <c>_.-/</c>; a name with a '/' is a path and must begin with one (so the
    /// default <c>ns/app</c> becomes <c>/ns/app</c>); at most 15 levels; names starting with aws or ssm are AWS's.
    /// </summary>
    private static string ForParameterStore(string raw, DocumentLocation location)
    {
        foreach (var c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "/_.-".Contains(c, StringComparison.Ordinal)))
            {
                throw new DocumentException(location, $"store entry '{raw}' has '{c}', which AWS Parameter Store does not allow in names; fix entryName");
            }
        }

        var name = raw.Contains('/', StringComparison.Ordinal) && !raw.StartsWith('/') ? "/" + raw : raw;
        var bare = name.TrimStart('/');
        if (bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
        {
            throw new DocumentException(location, $"store entry '{name}' begins with aws or ssm, which AWS Parameter Store reserves; fix entryName");
        }

        if (name.Count(c => c == '/') > 15 || name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/'))
        {
            throw new DocumentException(location, $"store entry '{name}' is not a parameter path of 1 to 15 non-empty levels; fix entryName");
        }

        // 1,011 characters is AWS's limit for the whole ARN (arn:aws-us-gov:ssm:REGION:ACCOUNT:parameter is up to 61 of them).
        return Limit(name, 950, "AWS Parameter Store", location);
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
