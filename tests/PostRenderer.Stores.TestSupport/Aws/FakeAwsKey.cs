namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>An access key the fake accepts; temporary keys (from AssumeRole) also need their session token.</summary>
internal sealed record FakeAwsKey(string AccessKey, string SecretKey, string? SessionToken = null);
