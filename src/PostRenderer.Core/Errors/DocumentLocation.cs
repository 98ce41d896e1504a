namespace PostRenderer.Core.Errors;

/// <summary>Where a document sits in the input: its 1-based index, first line, and (once known) kind and name.</summary>
internal sealed record DocumentLocation(int Index, int Line, string? Kind = null, string? Name = null, string? Namespace = null)
{
    public override string ToString()
    {
        var what = Kind is null ? "" : $" ({Kind} {Qualified()})";
        return $"document {Index} at line {Line}{what}";
    }

    private string Qualified() =>
        Name is null ? "<no name>" : Namespace is null ? Name : $"{Namespace}/{Name}";
}
