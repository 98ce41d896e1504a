namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// What <see cref="SizeLimitScenarios{TStore}"/> needs from one store that holds an entry as one JSON object: the
/// store's limit on it, measured as the store measures it, besides the raw-value adapter's controls.
/// </summary>
public interface ISizeLimitedStore : IRawValueStore
{
    /// <summary>Properties whose JSON is just over the limit, and the words of the refusal for its size and the limit.</summary>
    (Dictionary<string, string> Properties, string Size, string Limit) JsonOverLimit { get; }

    /// <summary>Properties whose JSON is exactly at the limit, and that JSON's length as stored, in characters.</summary>
    (Dictionary<string, string> Properties, int StoredLength) JsonAtLimit { get; }

    /// <summary>Every request that reached the fake's API, reads included.</summary>
    int ApiRequests { get; }
}
