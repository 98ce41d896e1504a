using PostRenderer.Core.Conversion;

namespace PostRenderer.Core.Tests.Conversion;

public sealed class GjsonPathTests
{
    [Theory]
    [InlineData("password", "password")]
    [InlineData("tls.crt", @"tls\.crt")]
    [InlineData("a.b.c", @"a\.b\.c")]
    [InlineData(@"we\ird*?|#@!=<>%", @"we\\ird\*\?\|\#\@\!\=\<\>\%")]
    [InlineData("my-key_1", "my-key_1")]
    public void Escapes_what_gjson_reads_as_path_syntax(string key, string expected) =>
        Assert.Equal(expected, GjsonPath.ForKey(key));
}
