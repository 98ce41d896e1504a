using System.Text;
using PostRenderer.Core.Yaml;
using PostRenderer.Fuzz;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>The 16-byte search for characters go-yaml refuses against its one-byte twin and the fuzz harness's rune-by-rune reading.</summary>
public sealed class RefusedCharacterTests
{
    private static readonly int[] Rare = [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x84, 0x85, 0x86, 0x9F, 0xA0, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xE000, 0x1F600];

    [Theory]
    [InlineData(23)]
    [InlineData(29)]
    [InlineData(31)]
    public void Finds_what_a_rune_by_rune_reading_finds(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 2_000; round++)
        {
            var text = RandomText(random, random.Next(0, 120));
            var utf8 = Encoding.UTF8.GetBytes(text);

            var expected = GoYamlCharacters.FirstRefused(utf8)?.At ?? -1;
            Assert.Equal(expected, Utf8Characters.IndexOfRefused(utf8));
            Assert.Equal(expected, Utf8Characters.IndexOfRefusedOneByOne(utf8, 0));
        }
    }

    // Mostly allowed text, so that a refused character sits anywhere in a block of 16 or in the tail, or nowhere.
    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var pick = random.Next(100);
            var rune = pick switch
            {
                < 2 => Rare[random.Next(Rare.Length)],
                < 10 => "\t\n\r"[random.Next(3)],
                < 15 => random.Next(0xA0, 0x800),
                _ => random.Next(0x20, 0x7F),
            };
            text.Append(char.ConvertFromUtf32(rune));
        }

        return text.ToString();
    }
}
