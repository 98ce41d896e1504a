using System.Text;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Store entry name templates: <c>{namespace}</c>, <c>{name}</c> and <c>{namePath}</c> (the name with each
/// '-' made a path level, as Jenkins X named Vault paths).
/// </summary>
internal static class EntryNameTemplate
{
    public const string Default = "{namespace}/{name}";

    private static readonly string[] Placeholders = ["namespace", "name", "namePath"];

    public static bool IsValid(string template, out string problem)
    {
        problem = "a template using {namespace}, {name} and {namePath}";
        if (template.Trim().Length == 0)
        {
            return false;
        }

        var at = 0;
        while ((at = template.IndexOf('{', at)) >= 0)
        {
            var end = template.IndexOf('}', at);
            if (end < 0 || !Placeholders.Contains(template[(at + 1)..end], StringComparer.Ordinal))
            {
                return false;
            }

            at = end + 1;
        }

        return true;
    }

    /// <summary>
    /// The template with each placeholder replaced, in one pass: a value is never searched for placeholders itself.
    /// Text in braces that is no placeholder stays as it is (<see cref="IsValid"/> keeps such templates out).
    /// </summary>
    public static string Expand(string template, string @namespace, string name)
    {
        if (template == Default)
        {
            return string.Concat(@namespace, "/", name); // nearly every Secret: no scan needed
        }

        var result = new StringBuilder(template.Length + @namespace.Length + (2 * name.Length));
        var rest = template.AsSpan();
        while (rest.IndexOf('{') is var open && open >= 0)
        {
            result.Append(rest[..open]);
            rest = rest[open..];
            if (rest.StartsWith("{namespace}"))
            {
                result.Append(@namespace);
                rest = rest["{namespace}".Length..];
            }
            else if (rest.StartsWith("{namePath}"))
            {
                result.Append(name).Replace('-', '/', result.Length - name.Length, name.Length);
                rest = rest["{namePath}".Length..];
            }
            else if (rest.StartsWith("{name}"))
            {
                result.Append(name);
                rest = rest["{name}".Length..];
            }
            else
            {
                result.Append('{');
                rest = rest[1..];
            }
        }

        return result.Append(rest).ToString();
    }
}
