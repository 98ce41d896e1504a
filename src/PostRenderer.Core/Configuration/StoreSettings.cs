namespace PostRenderer.Core.Configuration;

/// <summary>
/// One secret store instance: its backend, its own settings (address, region, credentials), the ESO
/// <c>secretStoreRef</c> its ExternalSecrets point at, and its entry-name template. A configuration without
/// <c>stores:</c> has one, made of the top-level settings; a rule's <c>backend:</c> without <c>store:</c> makes
/// another from the same top-level settings, as before named stores existed.
/// </summary>
internal sealed record StoreSettings
{
    /// <summary>The name under <c>stores:</c>, or the backend's name for a store made of the top-level settings.</summary>
    public required string Name { get; init; }

    /// <summary>True for a store made of the top-level settings (no <c>stores:</c> entry).</summary>
    public bool Implicit { get; init; }

    /// <summary>What the store's backend is, from its project: names, name rules, KES and Jenkins X fields.</summary>
    public required StoreDefinition Definition { get; init; }

    public Backend Backend => Definition.Backend;

    public SecretStoreRef SecretStoreRef { get; init; } = new("secret-store", "ClusterSecretStore");

    /// <summary>Entry name template; null means the top-level <c>entryName</c>, else the default.</summary>
    public string? EntryName { get; init; }

    /// <summary>The store's own settings, as its definition read them from its section; only the store interprets them.</summary>
    public object Section
    {
        get => section ?? Definition.DefaultSettings();
        init => section = value;
    }

    private readonly object? section;

    public KesSettings Kes { get; init; } = new();

    /// <summary>The version every key of this store reads unless its key rule names another (GCP <c>latest</c>, say).</summary>
    public string? Version { get; init; }

    /// <summary>The AWS version stage every key of this store reads unless its key rule names another.</summary>
    public string? VersionStage { get; init; }

    /// <summary>
    /// How keys without a key rule are laid out: <c>entry-per-secret</c> (one entry per Secret, a property per key), or
    /// <c>jenkins-x</c>, as <c>jx secret convert</c> laid them out (see the README's "Switching from Jenkins X").
    /// </summary>
    public string Layout { get; init; } = Layouts[0];

    public bool JenkinsXLayout => Layout == Layouts[1];

    public static readonly string[] Layouts = ["entry-per-secret", "jenkins-x"];

    /// <summary>Requests in flight at once to this store; null means the top-level <c>concurrency</c>.</summary>
    public int? Concurrency { get; init; }

    /// <summary>How messages name the store: the backend for the implicit one, as before named stores existed.</summary>
    public string Label => Implicit ? Definition.Name : $"{Name} ({Definition.Name})";
}
