using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Tests.ProcessIO;

public sealed class FileSequenceStreamTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("file-sequence-");

    public void Dispose() => directory.Delete(recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Files_with_utf8_and_utf16_byte_order_marks_read_as_one_utf8_text_with_document_starts_between(int readSize)
    {
        var first = Write("a.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("a: caf\u00e9\n")]);
        var second = Write("b.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("b: \U0001F600\n")]);

        using var stream = new FileSequenceStream([first, second]);

        Assert.Equal(Encoding.UTF8.GetBytes("a: caf\u00e9\n\n---\nb: \U0001F600\n"), ReadAll(stream, readSize));
    }

    [Fact]
    public void A_byte_order_mark_is_honoured_in_every_file_not_only_the_first()
    {
        var first = Write("a.yaml", Encoding.UTF8.GetBytes("a: 1"));
        var second = Write("b.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("b: \u00e9")]);
        var third = Write("c.yaml", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("c: \u20ac")]);

        using var stream = new FileSequenceStream([first, second, third]);

        Assert.Equal(Encoding.UTF8.GetBytes("a: 1\n---\nb: \u00e9\n---\nc: \u20ac"), ReadAll(stream, 4096));
    }

    [Fact]
    public void A_missing_file_is_a_user_error_with_the_bad_input_exit_code()
    {
        var present = Write("a.yaml", Encoding.UTF8.GetBytes("a: 1\n"));
        var missing = Path.Combine(directory.FullName, "missing.yaml");

        using var stream = new FileSequenceStream([present, missing]);

        var ex = Assert.Throws<UserException>(() => ReadAll(stream, 4096));
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] ReadAll(Stream stream, int readSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}
