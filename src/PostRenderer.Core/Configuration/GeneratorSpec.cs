namespace PostRenderer.Core.Configuration;

/// <summary>How to generate a value the chart leaves empty; see the README's generator table.</summary>
/// <param name="Type">password, hex, base64 or uuid.</param>
/// <param name="Length">Characters for password; bytes of randomness for hex and base64.</param>
/// <param name="Classes">For password: which character classes to use (lower, upper, digits, symbols).</param>
internal sealed record GeneratorSpec(string Type, int Length, IReadOnlyList<string> Classes)
{
    public const int DefaultLength = 32;

    public static readonly string[] Types = ["password", "hex", "base64", "uuid"];
    public static readonly string[] ClassNames = ["lower", "upper", "digits", "symbols"];
}
