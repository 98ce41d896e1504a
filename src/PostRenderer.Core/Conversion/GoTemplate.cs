namespace PostRenderer.Core.Conversion;

/// <summary>ESO renders template data with Go's text/template: literal text must not open an action.</summary>
internal static class GoTemplate
{
    /// <summary>The template that renders exactly <paramref name="text"/>.</summary>
    public static string Literal(string text) =>
        text.Replace("{{", "{{ \"{{\" }}", StringComparison.Ordinal);
}
