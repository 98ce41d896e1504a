namespace PostRenderer.Core.Yaml;

/// <summary>
/// A scalar. <see cref="IsPlain"/> is what decides its type for the consumer: a plain scalar is resolved
/// (int, bool, null, ...), anything quoted or block-styled is a string.
/// </summary>
internal sealed class ScalarNode(string value, bool isPlain) : Node
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    /// <summary>A plain empty, <c>~</c>, <c>null</c>, <c>Null</c> or <c>NULL</c>: what kubectl and helm read as no value.</summary>
    public bool IsNull => IsPlain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL";

    public static ScalarNode String(string value) => new(value, isPlain: false);

    /// <summary>A scalar the consumer resolves itself, e.g. a number or a boolean written by us.</summary>
    public static ScalarNode Plain(string value) => new(value, isPlain: true);

    public override string ToString() => Value;
}
