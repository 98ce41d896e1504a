using System.Globalization;

namespace PostRenderer.Core.Diagnostics;

/// <summary>Numbers in messages with the noun in the right number: "1 Secret", "2 Secrets", "1 entry", "0 entries".</summary>
public static class Words
{
    public static string Count(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
