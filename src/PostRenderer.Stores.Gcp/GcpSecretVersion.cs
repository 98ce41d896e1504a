namespace PostRenderer.Stores.Gcp;

/// <summary>One accessed secret version: its number (versions count up from 1 per secret) and its payload bytes.</summary>
internal sealed record GcpSecretVersion(long Number, byte[] Data)
{
    public override string ToString() => $"GcpSecretVersion({Number}, {Data.Length} bytes)";
}
