namespace PostRenderer.Core.Configuration;

/// <summary>
/// One secret store backend, as Core sees it: its names, its settings section, its entry-name rules, its fields in
/// the kubernetes-external-secrets and Jenkins X formats. Each store project derives one from
/// <see cref="StoreDefinition{TSettings}"/>; the CLI lists each beside its factory, and hands the definitions to
/// Core as a <see cref="StoreRegistry"/>. Core asks the definition wherever it would otherwise ask which backend a
/// store is, so a new store touches Core only in its <see cref="Configuration.Backend"/> value.
/// </summary>
public abstract class StoreDefinition
{
    private protected StoreDefinition()
    {
    }

    public abstract Backend Backend { get; }

    /// <summary>The word for the backend in settings (<c>backend: vault</c>) and in messages.</summary>
    public abstract string Name { get; }

    /// <summary>The name of its settings section (<c>vault:</c>, <c>parameterStore:</c>), at the top level and in a store.</summary>
    public virtual string SectionName => Name;

    /// <summary>The kubernetes-external-secrets <c>backendType</c>, or null when KES has none.</summary>
    public virtual string? KesBackendType => null;

    /// <summary>The <c>backendType</c> Jenkins X's SecretMapping names it by; null when it has none.</summary>
    public virtual string? JenkinsXBackendType => KesBackendType;

    /// <summary>
    /// True when an entry can hold one plain value rather than a JSON object of properties (ESO reads it without
    /// <c>remoteRef.property</c>).
    /// </summary>
    public virtual bool HoldsPlainValues => true;

    /// <summary>
    /// True when <see cref="EntryName"/> may turn two names into one, so that the names made in a render are claimed
    /// and a second name becoming the same entry is refused.
    /// </summary>
    public virtual bool EntryNamesMayMerge => true;

    /// <summary>
    /// True when <see cref="EntryName"/> gives back any name that <see cref="EntryNameRules.IsPath"/> accepts as it
    /// is and refuses the rest (<see cref="EntryNameRules.RequirePath"/>): the Secret path then checks a name as
    /// UTF-8, without making it a string.
    /// </summary>
    public virtual bool EntryNamesArePaths => false;

    /// <summary>True when the store compares entry names ignoring case.</summary>
    public virtual bool EntryNamesIgnoreCase => false;

    /// <summary>True when ESO's provider reads <c>remoteRef.property</c> as a gjson path rather than a key.</summary>
    public virtual bool PropertiesAreGjsonPaths => false;

    /// <summary>Where <c>jx secret convert</c> put the keys of a Secret without a mapping, for <c>layout: jenkins-x</c>.</summary>
    public virtual JenkinsXEntries JenkinsXEntries => JenkinsXEntries.PerSecret;

    /// <summary>True when <c>jx secret convert</c> kept every key as a property, even a Secret's only one.</summary>
    public virtual bool JenkinsXPropertyPerKey => false;

    /// <summary>True when a kubernetes-external-secrets ExternalSecret of <see cref="KesBackendType"/> is turned into ESO's for this store.</summary>
    public virtual bool MigratesFromKes => false;

    /// <summary>
    /// The store entry name for <paramref name="raw"/> (a name from the entry-name template) by the store's rules;
    /// throws <see cref="EntryNameException"/>, saying what to fix, for a name the store cannot take.
    /// </summary>
    public abstract string EntryName(string raw);

    internal abstract object DefaultSettings();

    internal abstract object ReadSection(SectionReader section);

    internal abstract IEnumerable<KeyValuePair<string, string?>> KesFieldsOf(object settings, KesSettings kes);

    internal abstract string KesRemoteKeyOf(object settings, string entry);

    internal abstract IEnumerable<KeyValuePair<string, string?>> KesInstanceFieldsOf(object settings);

    internal abstract string MigrateKesKeyOf(object settings, string key, Action<string> warn);

    internal abstract void MapJenkinsXStore(JenkinsXSecret secret, Action<string, string?> add);

    internal abstract string MapJenkinsXEntry(JenkinsXSecret secret, string key);

    internal abstract string? JenkinsXInstanceOf(IReadOnlyList<KeyValuePair<string, string>> settings);
}
