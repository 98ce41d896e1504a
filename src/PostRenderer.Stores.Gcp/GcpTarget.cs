namespace PostRenderer.Stores.Gcp;

/// <summary>Which project the store works in and as whom, for requests and for messages.</summary>
internal sealed record GcpTarget(string Project, GcpCredentialSource Credentials);
