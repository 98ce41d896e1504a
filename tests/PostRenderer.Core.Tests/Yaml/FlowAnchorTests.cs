using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>
/// Anchored scalars inside flow collections, which YamlDotNet 18.1's parser refuses on its own when more entries
/// follow (<c>{a: &amp;x b, c: d}</c>): the reader reads them as go-yaml does, aliases included.
/// </summary>
public sealed class FlowAnchorTests
{
    [Theory]
    [InlineData("m: {a: &x b, c: d}\n", "m: {a: b, c: d}\n")]
    [InlineData("m: {a: &x b, c: *x}\n", "m: {a: b, c: b}\n")]
    [InlineData("m: {a: &x \"b c\" , c: *x}\n", "m: {a: \"b c\", c: \"b c\"}\n")]
    [InlineData("m: {a: &x !!str 1, c: *x}\n", "m: {a: !!str 1, c: !!str 1}\n")]
    [InlineData("m: {a: !!str &x 1, c: *x}\n", "m: {a: !!str 1, c: !!str 1}\n")]
    [InlineData("m: {? &k a : &v b, c: *k, d: *v}\n", "m: {a: b, c: a, d: b}\n")]
    [InlineData("m: {a: &x\n  b, c: *x}\n", "m: {a: b, c: b}\n")]
    [InlineData("m: [&x b, *x, {c: &y d, e: *y}]\n", "m: [b, b, {c: d, e: d}]\n")]
    [InlineData("m: {a: &x [b], c: *x}\n", "m: {a: [b], c: [b]}\n")]
    public void Flow_anchors_read_as_their_expansion(string anchored, string expanded)
    {
        Assert.Equal(Render(Read(expanded)), Render(Read(anchored)));
    }

    [Fact]
    public void Two_anchors_on_one_value_are_refused()
    {
        Assert.Throws<DocumentException>(() => Read("m: {a: &x &y b, c: d}\n"));
    }

    private static Node? Read(string text) =>
        new GeneralNodeReader(ReaderLimits.Default).Read(new RawDocument(1, 1, Encoding.UTF8.GetBytes(text), null));

    private static string Render(Node? node) => node switch
    {
        null => "null",
        ScalarNode scalar => $"{scalar.Tag}'{scalar.Value}'{(scalar.IsPlain ? "p" : "q")}",
        SequenceNode sequence => "[" + string.Join(",", sequence.Items.Select(Render)) + "]",
        MappingNode mapping => "{" + string.Join(",", mapping.Entries.Select(entry => Render(entry.Key) + ":" + Render(entry.Value))) + "}",
        _ => node.GetType().Name,
    };
}
