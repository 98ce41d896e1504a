using System.Globalization;

namespace PostRenderer.Core.Configuration;

/// <summary>Go's duration syntax (<c>1h0m0s</c>, <c>30s</c>, <c>500ms</c>), which ESO's refreshInterval uses too.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[digits..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetter(span[unitLength]))
            {
                unitLength++;
            }

            var unit = span[..unitLength].ToString();
            span = span[unitLength..];
            var scale = unit switch
            {
                "h" => TimeSpan.FromHours(1),
                "m" => TimeSpan.FromMinutes(1),
                "s" => TimeSpan.FromSeconds(1),
                "ms" => TimeSpan.FromMilliseconds(1),
                _ => TimeSpan.Zero,
            };
            if (scale == TimeSpan.Zero)
            {
                return false;
            }

            value += scale * number;
        }

        return true;
    }
}
