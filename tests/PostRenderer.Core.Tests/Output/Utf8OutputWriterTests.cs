using System.Text;
using PostRenderer.Core.Output;

namespace PostRenderer.Core.Tests.Output;

public sealed class Utf8OutputWriterTests
{
    [Fact]
    public void Text_and_raw_bytes_written_alternately_come_out_in_order()
    {
        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        writer.Write("a: \u00e9\n");
        writer.WriteUtf8("b: 1\n"u8);
        writer.Write('c');
        writer.WriteUtf8(": \u00fc"u8);
        writer.Write("!\n".AsSpan());
        writer.WriteUtf8("d: 2\n"u8);
        writer.Flush();

        Assert.Equal(Encoding.UTF8.GetBytes("a: \u00e9\nb: 1\nc: \u00fc!\nd: 2\n"), output.ToArray());
    }

    [Fact]
    public void Non_ascii_text_is_utf8_without_a_byte_order_mark_and_lines_end_in_lf()
    {
        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        writer.WriteLine("\u00e9\u20ac\U0001F600");
        writer.Flush();

        Assert.Equal(new byte[] { 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x0A }, output.ToArray());
    }

    [Fact]
    public void Text_larger_than_the_buffers_arrives_whole()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i}: \u00e9\u20ac\U0001F600\n"));
        Assert.True(Encoding.UTF8.GetByteCount(text) > 4 * 64 * 1024);
        Assert.Equal(Encoding.UTF8.GetBytes(text), Written(text));
    }

    [Fact]
    public void Raw_blocks_larger_than_the_buffer_or_its_free_space_arrive_whole_and_in_order()
    {
        var random = new Random(5);
        var large = new byte[100_000];
        var half = new byte[40_000];
        var otherHalf = new byte[40_000];
        random.NextBytes(large);
        random.NextBytes(half);
        random.NextBytes(otherHalf);

        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        writer.Write("head\n");
        writer.WriteUtf8(large);
        writer.Write("middle\n");
        writer.WriteUtf8(half);
        writer.WriteUtf8(otherHalf);
        writer.Write("tail\n");
        writer.Flush();

        byte[] expected = [.. "head\n"u8, .. large, .. "middle\n"u8, .. half, .. otherHalf, .. "tail\n"u8];
        Assert.Equal(expected, output.ToArray());
    }

    [Theory]
    [InlineData(16_382)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(32_767)]
    public void A_surrogate_pair_written_char_by_char_across_the_buffer_boundary_is_one_four_byte_sequence(int asciiBefore)
    {
        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        for (var i = 0; i < asciiBefore; i++)
        {
            writer.Write('a');
        }

        writer.Write('\uD83D');
        writer.Write('\uDE00');
        writer.Write('\n');
        writer.Flush();

        byte[] expected = [.. Enumerable.Repeat((byte)'a', asciiBefore), 0xF0, 0x9F, 0x98, 0x80, 0x0A];
        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public void A_surrogate_pair_in_a_string_across_the_buffer_boundary_is_one_four_byte_sequence()
    {
        var text = new string('a', 16_383) + "\U0001F600\n";
        Assert.Equal(Encoding.UTF8.GetBytes(text), Written(text));
    }

    [Fact]
    public void Dispose_flushes_text_and_raw_bytes()
    {
        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        writer.Write("x: \u00e9\n");
        writer.WriteUtf8("y: 1\n"u8);
        writer.Write("z: 2\n");
        writer.Dispose();

        Assert.Equal(Encoding.UTF8.GetBytes("x: \u00e9\ny: 1\nz: 2\n"), output.ToArray());
    }

    private static byte[] Written(string text)
    {
        var output = new MemoryStream();
        var writer = new Utf8OutputWriter(output);
        writer.Write(text);
        writer.Flush();
        return output.ToArray();
    }
}
