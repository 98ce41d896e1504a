using System.Globalization;
using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Go's <c>strconv.FormatFloat(f, 'g', -1, 32)</c>, which sigs.k8s.io/yaml uses to turn a float mapping key into a
/// JSON key: the shortest digits that read back as the same float32, in exponent form when the decimal exponent is
/// below -4 or at least 6 (Go's %g rule for the shortest form), with at least two exponent digits.
/// </summary>
internal static class GoFloatFormat
{
    public static string Shortest32(double value)
    {
        var single = (float)value;
        if (single == 0)
        {
            return float.IsNegative(single) ? "-0" : "0";
        }

        // .NET's "R" for float is the shortest text that reads back as the same float32: the digits Go finds too.
        var shortest = single.ToString("R", CultureInfo.InvariantCulture);
        var (negative, digits, pointAt) = Decompose(shortest);
        var exponent = pointAt - 1;
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (exponent < -4 || exponent >= 6)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+');
            var magnitude = Math.Abs(exponent);
            builder.Append(magnitude < 10 ? "0" : "").Append(magnitude.ToString(CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        if (pointAt <= 0)
        {
            builder.Append("0.").Append('0', -pointAt).Append(digits);
        }
        else if (pointAt >= digits.Length)
        {
            builder.Append(digits).Append('0', pointAt - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
        }

        return builder.ToString();
    }

    /// <summary>Sign, significant digits (no leading or trailing zeros) and where the decimal point falls among them.</summary>
    private static (bool Negative, string Digits, int PointAt) Decompose(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var exponent = 0;
        var e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var point = body.IndexOf('.');
        var integerPart = point < 0 ? body : body[..point];
        var fraction = point < 0 ? "" : body[(point + 1)..];
        var all = integerPart + fraction;
        var pointAt = integerPart.Length + exponent;
        var leading = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0');
        pointAt -= leading;
        all = all.TrimEnd('0');
        return (negative, all, pointAt);
    }
}
