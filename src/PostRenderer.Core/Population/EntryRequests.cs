using System.Text;
using PostRenderer.Core.Conversion;

namespace PostRenderer.Core.Population;

/// <summary>Turns a converted Secret's plan into one request per store entry, generating values the chart left empty.</summary>
internal static class EntryRequests
{
    /// <summary>The requests for every key population may write: pinned versions are left alone (see <see cref="Pinned"/>).</summary>
    public static IEnumerable<EntryRequest> From(SecretPlan plan)
    {
        foreach (var group in plan.Remote.Where(remote => !remote.IsPinned).GroupBy(remote => remote.Entry, StringComparer.Ordinal))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var plain = false;
            foreach (var remote in group)
            {
                plain |= remote.Property is null;
                values[remote.Property ?? remote.Value.Key] = StoredValue(remote);
            }

            yield return new EntryRequest(group.Key, values, plan.Location.ToString()) { Plain = plain };
        }
    }

    /// <summary>The keys whose ExternalSecret reads a pinned version or stage, which a write would not change.</summary>
    public static IEnumerable<RemoteKey> Pinned(SecretPlan plan) => plan.Remote.Where(remote => remote.IsPinned);

    /// <summary>
    /// The text the store must hold so that ESO's decodingStrategy gives the Secret's value back: base64 for binary
    /// values, and for text values a decodingStrategy of Base64 or Base64URL asks for.
    /// </summary>
    private static string StoredValue(RemoteKey remote)
    {
        var text = remote.Value.IsEmpty && remote.Generator is not null
            ? ValueGenerator.Generate(remote.Generator)
            : remote.Value.StoreText;
        if (remote.DecodingStrategy is not ("Base64" or "Base64URL"))
        {
            return text;
        }

        var base64 = remote.Value.IsBinary ? text : Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return remote.DecodingStrategy == "Base64" ? base64 : base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
