namespace PostRenderer.Core.Yaml;

/// <summary>How <see cref="CanonicalEmitter"/> writes a scalar; its value and type alone decide (<see cref="CanonicalEmitter.StyleOf"/>).</summary>
internal enum CanonicalStyle
{
    Plain,
    Literal,
    DoubleQuoted,
}
