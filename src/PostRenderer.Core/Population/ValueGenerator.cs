using System.Security.Cryptography;
using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Population;

/// <summary>Generates values for keys the chart leaves empty; always from the cryptographic random source.</summary>
internal static class ValueGenerator
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    // Symbols that survive shells, URLs in connection strings and YAML without quoting surprises.
    private const string Symbols = "!#%+-.:=?@^_~";

    public static string Generate(GeneratorSpec spec) => spec.Type switch
    {
        "password" => Password(spec.Length, spec.Classes),
        "hex" => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(spec.Length)),
        "base64" => Convert.ToBase64String(RandomNumberGenerator.GetBytes(spec.Length)),
        "uuid" => Uuid(),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "unknown generator type"),
    };

    private static string Password(int length, IReadOnlyList<string> classes)
    {
        var sets = classes.Select(name => name.ToLowerInvariant() switch
        {
            "lower" => Lower,
            "upper" => Upper,
            "digits" => Digits,
            _ => Symbols,
        }).Distinct().ToList();
        var alphabet = string.Concat(sets);
        var result = new char[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        // Every requested class appears at least once (when the length allows), at random positions.
        var positions = Enumerable.Range(0, length).ToArray();
        RandomNumberGenerator.Shuffle(positions.AsSpan());
        for (var i = 0; i < sets.Count && i < length; i++)
        {
            result[positions[i]] = sets[i][RandomNumberGenerator.GetInt32(sets[i].Length)];
        }

        return new string(result);
    }

    private static string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
