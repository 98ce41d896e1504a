namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// How the two AWS stores, which read an entry's content with the same code, word their refusals of
/// <see cref="ForeignContent"/>: the same sentences about what each calls the content.
/// </summary>
public static class SecretStringRefusals
{
    /// <summary>The refusals about the content called <paramref name="what"/> ("SecretString", "the parameter's value").</summary>
    public static IReadOnlyDictionary<ForeignContent, string> Of(string what) => new Dictionary<ForeignContent, string>
    {
        [ForeignContent.TextThatIsNotJson] = $"{what} is not JSON",
        [ForeignContent.JsonArray] = $"{what} holds a JSON Array",
        [ForeignContent.JsonString] = $"{what} holds a JSON String",
        [ForeignContent.NumberProperty] = $"property 'port' of {what} is not a string",
    };
}
