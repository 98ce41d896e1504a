using System.Text;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// One key of a Secret and its value. The value is secret: this type has no ToString that shows it, and
/// nothing that formats messages may read <see cref="StoreText"/>.
/// </summary>
/// <remarks>
/// A data value is checked (base64, and whether its bytes are UTF-8 text) when the Secret is read, but decoded
/// into <see cref="StoreText"/> only when something asks for it: converting without populating never does,
/// and decoding every certificate and key of a large render was about a sixth of the time spent converting it.
/// </remarks>
internal sealed class SecretValue
{
    private string? storeText;

    private SecretValue(string key, string sourceText, bool isBinary, bool fromStringData, bool isEmpty)
    {
        Key = key;
        SourceText = sourceText;
        IsBinary = isBinary;
        FromStringData = fromStringData;
        IsEmpty = isEmpty;
    }

    /// <summary>The Secret's key.</summary>
    public string Key { get; }

    /// <summary>The value exactly as the Secret held it (base64 for data), for literal template values.</summary>
    public string SourceText { get; }

    /// <summary>The bytes are not UTF-8 text.</summary>
    public bool IsBinary { get; }

    /// <summary>The key came from stringData (plain text), not data (base64).</summary>
    public bool FromStringData { get; }

    public bool IsEmpty { get; }

    /// <summary>The value as it is stored: the text, or base64 of the bytes when <see cref="IsBinary"/>.</summary>
    public string StoreText => storeText ??= Decode();

    public static SecretValue ForStringData(string key, string text) =>
        new(key, text, isBinary: false, fromStringData: true, isEmpty: text.Length == 0);

    /// <summary>A data value whose base64 the caller has checked, with what that check found.</summary>
    public static SecretValue ForData(string key, string base64, bool isBinary, bool isEmpty) =>
        new(key, base64, isBinary, fromStringData: false, isEmpty);

    public override string ToString() => $"SecretValue({Key})";

    private string Decode()
    {
        if (FromStringData)
        {
            return SourceText;
        }

        var bytes = Convert.FromBase64String(SourceText);
        return IsBinary ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);
    }
}
