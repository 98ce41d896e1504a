namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>An error the fake answers with: HTTP 400 and <c>{"__type": Type, "Message": ...}</c>, as AWS does.</summary>
internal sealed class FakeAwsError(string type, string message) : Exception(message)
{
    public string Type { get; } = type;
}
