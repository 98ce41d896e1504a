namespace PostRenderer.Stores.Gcp;

/// <summary>Which project the store works in, as whom, and how long it waits out quotas; for requests and for messages.</summary>
internal sealed record GcpTarget(string Project, GcpCredentialSource Credentials, GcpQuotaWait QuotaWait);
