namespace PostRenderer.Core.Configuration;

/// <summary>Everything the tool was told, from file, environment and command line, validated.</summary>
public sealed record Settings
{
    internal OutputFormat Format { get; init; } = OutputFormat.EsoV1;

    public Backend Backend { get; init; } = Backend.File;

    /// <summary>Namespace for Secrets without one: --namespace, else HELM_NAMESPACE, else this file's, else default.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>
    /// Whether <see cref="Namespace"/> was given (option, HELM_NAMESPACE, ARGOCD_APP_NAMESPACE or configuration) rather
    /// than the fallback "default": a Secret without a namespace then gets entries under default/ that another
    /// release elsewhere would share, which deserves a warning (an error with <see cref="Strict"/>).
    /// </summary>
    public bool NamespaceGiven { get; init; }

    internal SecretStoreRef SecretStoreRef { get; init; } = new("secret-store", "ClusterSecretStore");

    public string RefreshInterval { get; init; } = "1h0m0s";

    /// <summary>Store entry name template; null means the backend's default (see <see cref="EntryNames"/>).</summary>
    public string? EntryName { get; init; }

    internal IReadOnlyList<SecretRule> Secrets { get; init; } = [];

    /// <summary>The stores under <c>stores:</c>, by name as <see cref="StoreKey"/> spells it.</summary>
    internal IReadOnlyDictionary<string, StoreSettings> Stores { get; init; } = new Dictionary<string, StoreSettings>();

    /// <summary>The store of Secrets that no rule sends elsewhere: <c>defaultStore</c> (or <c>--store</c>), else the top-level settings.</summary>
    public string? DefaultStoreName { get; init; }

    /// <summary>The stores this configuration was read with; their definitions read and name what follows.</summary>
    internal StoreRegistry Registry { get; init; } = StoreRegistry.BuiltIn;

    /// <summary>
    /// Each backend's settings section, read by its definition into the store's own type (for one store's factory,
    /// that store's sections: <see cref="ForStore"/>). A backend without one has its defaults.
    /// </summary>
    internal IReadOnlyDictionary<Backend, object> Sections { get; init; } = new Dictionary<Backend, object>();

    internal KesSettings Kes { get; init; } = new();

    public PopulationSettings Populate { get; init; } = new();

    /// <summary>Also write messages to this file (Helm 4 hides a post-renderer's stderr).</summary>
    public string? LogFile { get; init; }

    public bool Debug { get; init; }

    /// <summary>
    /// Fail (exit 2) instead of warning where a document cannot be converted whole (KES fields ESO lacks) or where
    /// entries may be shared by mistake (a Secret without a namespace when none was given).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Leave helm hook Secrets unconverted (Helm 3 never sends hooks; Helm 4 and pipes do).</summary>
    public bool SkipHooks { get; init; }

    /// <summary>Also write one file per resource under this directory, in the GitOps layout.</summary>
    public string? OutputDir { get; init; }

    /// <summary>The release folder of the GitOps layout; default: the app.kubernetes.io/instance label, else "default".</summary>
    public string? Release { get; init; }

    /// <summary>Copy documents that cannot be Secrets byte for byte instead of canonicalising them (the fastest path).</summary>
    public bool Preserve { get; init; }

    /// <summary>Remove files of the release that this render no longer produces.</summary>
    public bool Prune { get; init; }

    /// <summary>Largest document accepted, in bytes of UTF-8; bounds memory on hostile input.</summary>
    public int MaxDocumentSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Where the settings came from, for messages: a file path, or "defaults".</summary>
    public string Origin { get; init; } = "defaults";

    /// <summary>The store of Secrets that no rule sends elsewhere; made anew on each call, so callers keep it.</summary>
    internal StoreSettings DefaultStore => DefaultStoreName is { } name ? Stores[StoreKey(name)] : ImplicitStore(Backend);

    /// <summary>The settings of <paramref name="backend"/>'s section, as its store's definition read them; its defaults when none were read.</summary>
    public T Section<T>(Backend backend)
        where T : class, new() =>
        Sections.TryGetValue(backend, out var section) ? (T)section : new T();

    /// <summary>These settings with <paramref name="section"/> as <paramref name="backend"/>'s section (a store's factory reads it with <see cref="Section{T}"/>).</summary>
    internal Settings WithSection(Backend backend, object section) =>
        this with { Sections = new Dictionary<Backend, object>(Sections) { [backend] = section } };

    /// <summary>Store names match as setting names do: ignoring case, '_' and '-' (so environment variables can name them).</summary>
    public static string StoreKey(string name) => SettingsTree.Normalize(name);

    /// <summary>The store made of the top-level settings for <paramref name="backend"/>.</summary>
    internal StoreSettings ImplicitStore(Backend backend)
    {
        var definition = Registry[backend];
        return new()
        {
            Name = definition.Name,
            Implicit = true,
            Definition = definition,
            SecretStoreRef = SecretStoreRef,
            EntryName = EntryName,
            Section = Sections.GetValueOrDefault(backend) ?? definition.DefaultSettings(),
            Kes = Kes,
        };
    }

    /// <summary>
    /// These settings as one store's factory must see them: the store's section in place of the top-level one, so
    /// that every store project reads its own section with <see cref="Section{T}"/>.
    /// </summary>
    internal Settings ForStore(StoreSettings store) => this with
    {
        Backend = store.Backend,
        SecretStoreRef = store.SecretStoreRef,
        EntryName = store.EntryName,
        Sections = new Dictionary<Backend, object> { [store.Backend] = store.Section },
        Kes = store.Kes,
        Populate = Populate with { Concurrency = store.Concurrency ?? Populate.Concurrency },
    };

    internal SecretRule? RuleFor(string name, string @namespace)
    {
        // A loop, not LINQ: this runs for every Secret of a render, and a closure per call is not free.
        foreach (var rule in Secrets)
        {
            if (rule.Matches(name, @namespace))
            {
                return rule;
            }
        }

        return null;
    }
}
