using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// Raw entries of the file store: <c>{"entry": "value"}</c>, a JSON string where a JSON-path entry has an object.
/// The two never pass for each other: a raw read of an object, or a JSON read of a string, is an error naming the
/// entry, so neither is taken as present nor overwritten.
/// </summary>
internal sealed partial class FileStore
{
    public Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(ToPlainEntry(entry, View()[entry]));
        }
    }

    public Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        return EnqueueAsync(new PendingWrite(entry, new Dictionary<string, string>(), expected, value), cancellationToken);
    }

    // Compare-and-set as for JSON entries: the raw value must still be the one read (or still be absent).
    private bool MergePlain(JsonObject document, PendingWrite write)
    {
        var current = ToPlainEntry(write.Entry, document[write.Entry]);
        if (!SameProperties(current, write.Expected))
        {
            return false;
        }

        document[write.Entry] = JsonValue.Create(write.PlainValue);
        return true;
    }

    private StoreEntry? ToPlainEntry(string entry, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            return new StoreEntry(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = scalar.GetValue<string>() }, Version: null);
        }

        var holds = node is JsonObject ? "a JSON object of properties (keys of a Secret mapped with a property)" : $"a JSON {node.GetValueKind()}";
        throw new StoreException(Name, entry, $"holds {holds}, not the raw value (a JSON string) a key without 'property' reads; give the key a 'property' or another entry, or fix it in {path}");
    }
}
