namespace PostRenderer.Core.Configuration;

/// <summary>
/// A store's definition with its own settings type: what it reads from its section is handed back, typed, to its
/// hooks and to its factory (<see cref="Settings.Section{T}"/>); Core only carries it.
/// </summary>
/// <typeparam name="TSettings">The store's settings, a record whose parameterless form is its defaults.</typeparam>
public abstract class StoreDefinition<TSettings> : StoreDefinition
    where TSettings : class, new()
{
    /// <summary>Reads the store's section, rejecting what it does not know (<see cref="SectionReader.RejectUnknown"/>).</summary>
    public abstract TSettings Read(SectionReader section);

    /// <summary>The fields the store adds to a kubernetes-external-secrets <c>spec</c> after <c>backendType</c>; empty values are left out.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> KesFields(TSettings settings, KesSettings kes) => [];

    /// <summary>The <c>key</c> of a kubernetes-external-secrets data item for a store entry.</summary>
    public virtual string KesRemoteKey(TSettings settings, string entry) => entry;

    /// <summary>
    /// The kubernetes-external-secrets <c>spec</c> fields that name this store instance (a region, a project): an
    /// ExternalSecret agrees with the store when each is absent on either side or equal.
    /// </summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> KesInstanceFields(TSettings settings) => [];

    /// <summary>The ESO <c>remoteRef.key</c> for a kubernetes-external-secrets data <c>key</c>; <paramref name="warn"/> says when it is kept doubtful.</summary>
    public virtual string MigrateKesKey(TSettings settings, string key, Action<string> warn) => key;

    /// <summary>The settings (as <c>section:name</c> or store-level names) that make this store for a Jenkins X secret.</summary>
    public virtual void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add)
    {
    }

    /// <summary>The store entry a Jenkins X mapping's <c>key</c> names.</summary>
    public virtual string JenkinsXEntry(JenkinsXSecret secret, string key) => key;

    /// <summary>The setting (from <see cref="MapJenkinsX"/>) that tells two instances apart in a store's name, if any.</summary>
    public virtual string? JenkinsXInstanceSetting => null;

    internal sealed override object DefaultSettings() => new TSettings();

    internal sealed override object ReadSection(SectionReader section) => Read(section);

    internal sealed override IEnumerable<KeyValuePair<string, string?>> KesFieldsOf(object settings, KesSettings kes) => KesFields((TSettings)settings, kes);

    internal sealed override string KesRemoteKeyOf(object settings, string entry) => KesRemoteKey((TSettings)settings, entry);

    internal sealed override IEnumerable<KeyValuePair<string, string?>> KesInstanceFieldsOf(object settings) => KesInstanceFields((TSettings)settings);

    internal sealed override string MigrateKesKeyOf(object settings, string key, Action<string> warn) => MigrateKesKey((TSettings)settings, key, warn);

    internal sealed override void MapJenkinsXStore(JenkinsXSecret secret, Action<string, string?> add) => MapJenkinsX(secret, add);

    internal sealed override string MapJenkinsXEntry(JenkinsXSecret secret, string key) => JenkinsXEntry(secret, key);

    internal sealed override string? JenkinsXInstanceOf(IReadOnlyList<KeyValuePair<string, string>> settings) =>
        JenkinsXInstanceSetting is { } name ? settings.FirstOrDefault(pair => pair.Key == name).Value : null;
}
