using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests;

/// <summary>Text into the UTF-8 stream the splitter reads, and documents that outlive the splitter's buffer.</summary>
internal static class TestDocuments
{
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Each document (and its source comment) decoded as it comes (its bytes are reused for the next), so the list can be kept.</summary>
    public static List<RawDocument> Split(Stream input, int max = int.MaxValue / 2)
    {
        var documents = new List<RawDocument>();
        foreach (var document in new DocumentSplitter(input, max).ReadDocuments())
        {
            _ = document.Text;
            _ = document.SourceComment;
            documents.Add(document);
        }

        return documents;
    }

    public static List<RawDocument> Split(string text, int max = int.MaxValue / 2) => Split(Utf8(text), max);
}
