using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

public sealed class LineBreaksTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("a: 1\nb: 2\n", false)]
    [InlineData("a: 1\r\nb: 2\r\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("a\rb", true)]
    [InlineData("a: 1\r", true)]
    [InlineData("\r", true)]
    [InlineData("\r\r\n", true)]
    [InlineData("a\r\n\rb", true)]
    [InlineData("a\u0085b", true)]
    [InlineData("a\u2028b", true)]
    [InlineData("a\u2029b", true)]
    [InlineData("\u00e9\u2028", true)]
    [InlineData("\u00a9\r\n\u0085", true)]
    [InlineData("caf\u00e9\n", false)]
    [InlineData("\u00a9", false)]
    [InlineData("\u2014", false)]
    [InlineData("\u0084\u0086\u00c2", false)]
    [InlineData("\u2027\u202a\u2128\u20ac", false)]
    [InlineData("\u0185\u01a8", false)]
    [InlineData("\U0001F600\r\n\u00e9\r\n", false)]
    public void The_byte_overload_agrees_with_the_char_overload(string text, bool expected)
    {
        Assert.Equal(expected, LineBreaks.HasOtherThanLf(text.AsSpan()));
        Assert.Equal(expected, LineBreaks.HasOtherThanLf(Encoding.UTF8.GetBytes(text)));
    }
}
