using System.Buffers;
using System.Text;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// A property name as a gjson path that selects exactly that top-level key. ESO's Alibaba Cloud provider resolves
/// <c>remoteRef.property</c> with gjson and, unlike its AWS provider, never tries the literal key first, so
/// <c>tls.crt</c> would be read as key <c>tls</c>, then <c>crt</c>. gjson takes any character after a backslash
/// literally; the characters its path syntax gives a meaning to are escaped.
/// </summary>
internal static class GjsonPath
{
    private const string Special = "\\.*?|#@!=<>%";
    private static readonly SearchValues<char> SpecialValues = SearchValues.Create(Special);

    public static string ForKey(string key)
    {
        if (key.AsSpan().IndexOfAny(SpecialValues) < 0)
        {
            return key;
        }

        var path = new StringBuilder(key.Length + 4);
        foreach (var c in key)
        {
            if (SpecialValues.Contains(c))
            {
                path.Append('\\');
            }

            path.Append(c);
        }

        return path.ToString();
    }
}
