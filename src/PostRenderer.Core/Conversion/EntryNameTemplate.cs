using System.Text;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Store entry name templates: <c>{namespace}</c>, <c>{name}</c> and <c>{namePath}</c> (the name with each
/// '-' made a path level, as Jenkins X named Vault paths).
/// </summary>
public static class EntryNameTemplate
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

    public static string Expand(string template, string @namespace, string name)
    {
        var result = new StringBuilder(template);
        result.Replace("{namespace}", @namespace);
        result.Replace("{namePath}", name.Replace('-', '/'));
        result.Replace("{name}", name);
        return result.ToString();
    }
}
