using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>go-yaml decodes a !!bool, !!int, !!float or !!null scalar only when its text is one; Kubernetes refuses the rest.</summary>
public sealed class TaggedScalarTests
{
    private static readonly NodeReader Reader = new(ReaderLimits.Default);

    [Theory]
    [InlineData("apiVersion: !!int v1\n<<: {kind: Secret}\nmetadata: {name: m}\nstringData: {password: hunter2}\n", "!!int")]
    [InlineData("a: !!bool maybe\n", "!!bool")]
    [InlineData("a: !!float \"1.5x\"\n", "!!float")]
    [InlineData("a: !!null x\n", "!!null")]
    [InlineData("a: [!!int '0x1G']\n", "!!int")]
    public void A_value_go_yaml_cannot_decode_as_its_tag_is_refused_without_quoting_it(string text, string tag)
    {
        var error = Assert.Throws<DocumentException>(() => Reader.Read(TestDocuments.Split(text)[0]));

        Assert.Contains($"a value tagged {tag} that go-yaml cannot decode as one", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("maybe", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: !!int \"3\"\n")]
    [InlineData("a: !!int 0x1F\n")]
    [InlineData("a: !!float 3\n")]
    [InlineData("a: !!float -1.5e3\n")]
    [InlineData("a: !!bool yes\n")]
    [InlineData("a: !!null ~\n")]
    [InlineData("a: !!timestamp 2001-12-14\n")]
    [InlineData("a: !!str 3\n")]
    public void A_value_go_yaml_decodes_as_its_tag_is_read(string text)
    {
        Assert.NotNull(Reader.Read(TestDocuments.Split(text)[0]));
    }
}
