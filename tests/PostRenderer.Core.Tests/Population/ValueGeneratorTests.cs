using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

public sealed class ValueGeneratorTests
{
    [Fact]
    public void Passwords_have_the_length_and_every_requested_class()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = ValueGenerator.Generate(new GeneratorSpec("password", 12, GeneratorSpec.ClassNames));
            Assert.Equal(12, password.Length);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, c => !char.IsAsciiLetterOrDigit(c));
        }
    }

    [Fact]
    public void Classes_limit_the_alphabet()
    {
        var password = ValueGenerator.Generate(new GeneratorSpec("password", 64, ["digits"]));
        Assert.All(password, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Fact]
    public void Tokens_have_the_requested_bytes_and_uuids_are_version_4()
    {
        Assert.Equal(32, ValueGenerator.Generate(new GeneratorSpec("hex", 16, [])).Length);
        Assert.Equal(24, Convert.FromBase64String(ValueGenerator.Generate(new GeneratorSpec("base64", 24, []))).Length);
        var uuid = Guid.Parse(ValueGenerator.Generate(new GeneratorSpec("uuid", 0, [])));
        Assert.Equal(4, uuid.Version);
    }

    [Fact]
    public void Values_do_not_repeat()
    {
        var values = Enumerable.Range(0, 1000).Select(_ => ValueGenerator.Generate(new GeneratorSpec("password", 16, GeneratorSpec.ClassNames))).ToHashSet();
        Assert.Equal(1000, values.Count);
    }
}
