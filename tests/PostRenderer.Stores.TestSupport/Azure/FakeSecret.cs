namespace PostRenderer.Stores.TestSupport.Azure;

/// <summary>One secret in the fake vault: its versions (latest last) and its state.</summary>
internal sealed class FakeSecret(string name)
{
    public string Name { get; } = name;

    public List<FakeSecretVersion> Versions { get; } = [];

    public bool Deleted { get; set; }

    public FakeSecretVersion? Latest => Versions.Count == 0 ? null : Versions[^1];
}

internal sealed record FakeSecretVersion(string Id, string Value, string? ContentType, DateTimeOffset Created, bool Enabled = true);
