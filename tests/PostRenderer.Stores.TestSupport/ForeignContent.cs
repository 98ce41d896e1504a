namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Content another tool may have left in an entry that is not the JSON object of strings population reads and
/// writes: the cases of <see cref="ForeignContentScenarios{TStore}"/>.
/// </summary>
public enum ForeignContent
{
    TextThatIsNotJson,
    JsonArray,
    JsonString,

    /// <summary>An object with a string property and then a property holding a number.</summary>
    NumberProperty,
}
