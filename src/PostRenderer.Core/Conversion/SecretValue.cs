namespace PostRenderer.Core.Conversion;

/// <summary>
/// One key of a Secret with its decoded value. The value is secret: this type has no ToString that shows it,
/// and nothing that formats messages may read <see cref="StoreText"/>.
/// </summary>
/// <param name="Key">The Secret's key.</param>
/// <param name="StoreText">The value as it is stored: the text, or base64 of the bytes when <paramref name="IsBinary"/>.</param>
/// <param name="IsBinary">The bytes are not UTF-8 text.</param>
/// <param name="FromStringData">The key came from stringData (plain text), not data (base64).</param>
/// <param name="SourceText">The value exactly as the Secret held it (base64 for data), for literal template values.</param>
public sealed record SecretValue(string Key, string StoreText, bool IsBinary, bool FromStringData, string SourceText)
{
    public bool IsEmpty => StoreText.Length == 0;

    public override string ToString() => $"SecretValue({Key})";
}
