using System.Text.Json.Nodes;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>One document as a reader gave it: its JSON value (null for an empty document), or the reader's error.</summary>
public sealed record DocumentReading(JsonNode? Value, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// A whole stream as a reader (the Kubernetes oracle or libyaml) gave it: its documents in order, and the error that
/// stopped the splitter, if any (the documents before it are still listed).
/// </summary>
public sealed record StreamReading(IReadOnlyList<DocumentReading> Documents, string? SplitError)
{
    /// <summary>True when every document was read and the splitter reached the end: Kubernetes would take the stream.</summary>
    public bool Readable => SplitError is null && Documents.All(document => !document.Failed);

    /// <summary>The documents that hold something (Kubernetes ignores the null ones), each with its index in the stream.</summary>
    public IEnumerable<(int Index, JsonNode Value)> Present() =>
        Documents.Select((document, index) => (index, document.Value)).Where(item => item.Value is not null).Select(item => (item.index, item.Value!));

    public static StreamReading Parse(string line)
    {
        var root = JsonNode.Parse(line)!.AsObject();
        var documents = root["docs"]!.AsArray()
            .Select(entry => entry!.AsObject())
            .Select(entry => entry.TryGetPropertyValue("error", out var error) && error is not null
                ? new DocumentReading(null, error.GetValue<string>())
                : new DocumentReading(entry["json"]?.DeepClone(), null))
            .ToList();
        return new StreamReading(documents, root["splitError"]?.GetValue<string>());
    }
}
