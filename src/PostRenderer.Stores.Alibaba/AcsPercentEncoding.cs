using System.Text;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The percent-encoding Alibaba Cloud signs and parses: RFC 3986 unreserved characters (<c>A-Z a-z 0-9 - _ . ~</c>)
/// stay, every other UTF-8 byte becomes <c>%XX</c> in upper case (so a space is <c>%20</c>, never <c>+</c>).
/// </summary>
internal static class AcsPercentEncoding
{
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary><c>k1=v1&amp;k2=v2</c>, sorted by name (the canonical query string and the form body alike).</summary>
    public static string Form(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => Encode(pair.Key) + "=" + Encode(pair.Value)));
}
