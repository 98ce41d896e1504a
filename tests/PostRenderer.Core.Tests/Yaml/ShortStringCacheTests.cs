using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

public sealed class ShortStringCacheTests
{
    [Fact]
    public void The_same_short_ascii_text_comes_back_as_the_same_string()
    {
        var cache = new ShortStringCache();

        var first = cache.Get("apiVersion"u8);
        var second = cache.Get("apiVersion"u8);

        Assert.Equal("apiVersion", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Texts_that_share_a_slot_each_read_as_themselves()
    {
        // 5,000 texts in 1,024 slots: most slots are shared, so a slot handed out without comparing would show here.
        var cache = new ShortStringCache();
        var texts = Enumerable.Range(0, 5_000).Select(i => $"k{i}").ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in texts)
            {
                Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("\u20ac\u20ac")]
    [InlineData("")]
    [InlineData("a-key-longer-than-thirty-two-bytes-in-all")]
    public void Other_texts_read_as_themselves_and_are_not_kept(string text)
    {
        var cache = new ShortStringCache();
        var utf8 = Encoding.UTF8.GetBytes(text);

        var first = cache.Get(utf8);

        Assert.Equal(text, first);
        Assert.Equal(text, cache.Get(utf8));
        Assert.True(text.Length == 0 || !ReferenceEquals(first, cache.Get(utf8)), "a non-ASCII or long text was shared");
    }
}
