using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.ProcessIO;

public sealed class StandardStreamsTests
{
    private const string Text = "a: caf\u00e9 \U0001F600\nb: \u20ac\n";

    public static TheoryData<string> Encodings => ["utf-16le", "utf-16be", "utf-32le", "utf-32be"];

    [Fact]
    public void Utf8_with_a_byte_order_mark_comes_out_without_it()
    {
        var input = "\uFEFF"u8.ToArray().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();
        Assert.Equal(Encoding.UTF8.GetBytes(Text), ReadAll(new MemoryStream(input)));
    }

    [Fact]
    public void Utf8_without_a_byte_order_mark_passes_through_intact()
    {
        var input = Encoding.UTF8.GetBytes(Text);
        Assert.Equal(input, ReadAll(new MemoryStream(input)));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Input_a_byte_order_mark_declares_utf16_or_utf32_comes_out_as_the_same_text_in_utf8(string name)
    {
        var input = WithByteOrderMark(name, Text);
        Assert.Equal(Encoding.UTF8.GetBytes(Text), ReadAll(new MemoryStream(input)));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Input_read_one_byte_at_a_time_is_transcoded_all_the_same(string name)
    {
        var input = WithByteOrderMark(name, Text);
        Assert.Equal(Encoding.UTF8.GetBytes(Text), ReadAll(new OneByteStream(input)));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x61 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFE })]
    [InlineData(new byte[] { 0x61, 0x0A })]
    [InlineData(new byte[] { 0xC3, 0xA9 })]
    [InlineData(new byte[] { 0xEF, 0xBB })]
    [InlineData(new byte[] { 0x61, 0x62, 0x63 })]
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC })]
    [InlineData(new byte[] { 0x00, 0x00, 0xFE })]
    public void Input_shorter_than_four_bytes_passes_through_intact(byte[] input)
    {
        Assert.Equal(input, ReadAll(new MemoryStream(input)));
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void A_lone_surrogate_after_a_utf16_byte_order_mark_is_a_user_error_naming_utf16(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var input = encoding.GetPreamble()
            .Concat(encoding.GetBytes("a: 1\n---\nb: x"))
            .Concat(name == "utf-16le" ? new byte[] { 0x00, 0xD8 } : new byte[] { 0xD8, 0x00 })
            .Concat(encoding.GetBytes("y\n"))
            .ToArray();

        using var stream = StandardStreams.OpenInput(new MemoryStream(input));
        var ex = Assert.Throws<UserException>(() => new DocumentSplitter(stream, 1 << 20).ReadDocuments().ToList());
        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
    }

    private static byte[] WithByteOrderMark(string name, string text)
    {
        var encoding = Encoding.GetEncoding(name);
        var preamble = encoding.GetPreamble();
        Assert.NotEmpty(preamble);
        return [.. preamble, .. encoding.GetBytes(text)];
    }

    private static byte[] ReadAll(Stream source)
    {
        using var input = StandardStreams.OpenInput(source);
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
