using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// Compares two JSON readings of a document by meaning (key order ignored, numbers by value) and names the first
/// difference by its path, with short descriptions of the two sides in which any protected text is replaced by a hash.
/// </summary>
public static class JsonMeaning
{
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, Func<string, string> show, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject left, JsonObject right):
                foreach (var (key, value) in left)
                {
                    if (!right.TryGetPropertyValue(key, out var other))
                    {
                        return $"{path}: key {show(key)} is missing";
                    }

                    if (FirstDifference(value, other, show, $"{path}.{show(key)}") is { } difference)
                    {
                        return difference;
                    }
                }

                var extra = right.Select(entry => entry.Key).FirstOrDefault(key => !left.ContainsKey(key));
                return extra is null ? null : $"{path}: key {show(extra)} was added";
            case (JsonArray left, JsonArray right):
                if (left.Count != right.Count)
                {
                    return $"{path}: {left.Count} items became {right.Count}";
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (FirstDifference(left[i], right[i], show, $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case (JsonValue left, JsonValue right) when SameScalar(left, right):
                return null;
            default:
                return $"{path}: {Describe(expected, show)} became {Describe(actual, show)}";
        }
    }

    /// <summary>A short description of a value: its type, and for a scalar its text (shown through <paramref name="show"/>).</summary>
    public static string Describe(JsonNode? node, Func<string, string> show) => node switch
    {
        null => "null",
        JsonObject mapping => $"a mapping of {mapping.Count} keys",
        JsonArray array => $"a list of {array.Count} items",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "the string " + show(value.GetValue<string>()),
            JsonValueKind.Number => "the number " + show(value.ToJsonString()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    /// <summary>Text fit for a test message: quoted and cut short, or, when it holds protected text, only its hash.</summary>
    public static Func<string, string> Shower(IReadOnlyCollection<string> protectedTexts) => text =>
        protectedTexts.Any(secret => text.Contains(secret, StringComparison.Ordinal)) ? Hash(text)
            : JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "..." : text);

    public static string Hash(string text) =>
        "<sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12] + ">";

    private static bool SameScalar(JsonValue left, JsonValue right)
    {
        var kind = left.GetValueKind();
        if (kind != right.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Number => SameNumber(left.ToJsonString(), right.ToJsonString()),
            _ => true,
        };
    }

    private static bool SameNumber(string left, string right) =>
        left == right
        || (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b)
        || (double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x.Equals(y));
}
