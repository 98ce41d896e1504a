using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

public sealed class CanonicalEmitterTests
{
    private static string RoundTrip(string yaml)
    {
        var document = TestDocuments.Split(yaml).Single();
        var writer = new StringWriter();
        new CanonicalEmitter(writer).WriteDocument(new NodeReader(ReaderLimits.Default).Read(document)!, document.SourceComment);
        return writer.ToString();
    }

    private static ScalarNode ReadBack(string emitted) =>
        (ScalarNode)((MappingNode)new NodeReader(ReaderLimits.Default).Read(TestDocuments.Split(emitted).Single())!).Get("v")!;

    [Theory]
    [InlineData("\"0755\"")]
    [InlineData("\"yes\"")]
    [InlineData("\"on\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"~\"")]
    [InlineData("\"2024-01-01\"")]
    [InlineData("\"0x1F\"")]
    [InlineData("\"+1\"")]
    [InlineData("\".5\"")]
    [InlineData("\"-.inf\"")]
    [InlineData("\"<<\"")]
    [InlineData("\"N\"")]
    [InlineData("\"\"")]
    public void Strings_that_look_like_other_types_stay_quoted(string quoted)
    {
        Assert.Equal($"---\nv: {quoted}\n", RoundTrip($"v: {quoted}\n"));
    }

    [Theory]
    [InlineData("a: b")]
    [InlineData("x #y")]
    [InlineData("- item")]
    [InlineData("trailing ")]
    [InlineData(" leading")]
    [InlineData("line\nbreak  \n")]
    [InlineData("bell\u0007")]
    [InlineData("nel\u0085")]
    [InlineData("\ttab first")]
    [InlineData("{{ template }}")]
    [InlineData("*alias")]
    [InlineData("!tag")]
    [InlineData("multi\nline\n")]
    [InlineData("multi\nline")]
    [InlineData("keep\n\n")]
    [InlineData("  indented\nblock\n")]
    [InlineData("\nleading newline\n")]
    [InlineData("crlf\r\nline")]
    [InlineData("unicode ✓ é")]
    [InlineData("---")]
    [InlineData("key:")]
    public void Any_string_reads_back_unchanged(string value)
    {
        var mapping = new MappingNode().Add("v", value);
        var writer = new StringWriter();
        new CanonicalEmitter(writer).WriteDocument(mapping, null);
        var back = ReadBack(writer.ToString());
        Assert.Equal(value, back.Value);
        Assert.False(back.IsPlain && !ScalarStyleRules.ResolvesToString(value));
    }

    [Fact]
    public void Multi_line_strings_use_literal_blocks()
    {
        Assert.Equal("---\nv: |\n  a\n\n  b\n", RoundTrip("v: \"a\\n\\nb\\n\"\n"));
        Assert.Equal("---\nv: |-\n  a\n  b\n", RoundTrip("v: \"a\\nb\"\n"));
        Assert.Equal("---\nv: |2\n    a\n  b\n", RoundTrip("v: \"  a\\nb\\n\"\n"));
    }

    [Fact]
    public void Plain_scalars_keep_their_resolved_type()
    {
        // !!str is read as Kubernetes reads it: the string, which is then quoted because plain it would be a number.
        Assert.Equal("---\na: 0755\nb: yes\nc: ~\nd:\ne: \"1\"\n", RoundTrip("a: 0755\nb: yes\nc: ~\nd:\ne: !!str 1\n"));
    }

    [Fact]
    public void Flow_collections_become_block_and_empty_ones_stay_flow()
    {
        Assert.Equal("---\na:\n  - 1\n  - b: c\n    d: e\nf: {}\ng: []\n", RoundTrip("a: [1, {b: c, d: e}]\nf: {}\ng: []\n"));
    }

    [Fact]
    public void Root_scalars_and_sequences_are_written()
    {
        // On the line after '---': Kubernetes' splitter refuses text after the marker.
        Assert.Equal("---\n just a string\n", RoundTrip("---\n\"just a string\"\n"));
        Assert.Equal("---\n \"yes\"\n", RoundTrip("\"yes\"\n"));
        Assert.Equal("---\n- a\n- - b\n", RoundTrip("- a\n- [b]\n"));
    }
}
