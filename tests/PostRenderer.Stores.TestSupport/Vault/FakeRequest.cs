namespace PostRenderer.Stores.TestSupport.Vault;

/// <summary>What the fake Vault saw of one request.</summary>
internal sealed record FakeRequest(string Method, string Path, string? Token, string? Namespace);
