using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Turns the layered configuration into <see cref="Settings"/>, rejecting unknown names and bad values.
/// Every setting the tool has is read here, except each store's own section, which its <see cref="StoreDefinition"/>
/// reads; these and the README's table must agree.
/// </summary>
internal static class SettingsReader
{
    // Names that only make sense outside the file (they choose the file, or come from helmfile's environment).
    private static readonly string[] EnvironmentOnly = ["config", "noPopulate"];

    public static Settings Read(SettingsTree configuration, string origin, Func<string, string> describeOrigin, StoreRegistry registry)
    {
        var root = new SectionReader(configuration, "", describeOrigin);
        foreach (var name in EnvironmentOnly)
        {
            root.String(name);
        }

        var defaults = new Settings();
        var sections = ReadSections(root, registry);
        var kes = ReadKes(root.Section("kes"));
        var stores = ReadStores(root, kes, registry);
        var settings = new Settings
        {
            Origin = origin,
            Registry = registry,
            Format = root.Choice("format", SettingNames.Formats) ?? defaults.Format,
            Backend = root.Choice("backend", registry.Names) ?? defaults.Backend,
            Namespace = root.String("namespace", defaults.Namespace),
            NamespaceGiven = root.String("namespace") is not null,
            SecretStoreRef = ReadStoreRef(root.Section("secretStoreRef")) ?? defaults.SecretStoreRef,
            RefreshInterval = ReadRefreshInterval(root) ?? defaults.RefreshInterval,
            EntryName = ReadEntryTemplate(root, "entryName"),
            Secrets = root.List("secrets").Select(rule => ReadRule(rule, stores, registry)).ToList(),
            Stores = stores,
            DefaultStoreName = ReadDefaultStore(root, stores),
            Sections = sections,
            Kes = kes,
            Populate = ReadPopulation(root),
            LogFile = root.String("logFile"),
            Debug = root.Bool("debug") ?? false,
            Strict = root.Bool("strict") ?? false,
            SkipHooks = root.Bool("skipHooks") ?? false,
            OutputDir = root.String("outputDir"),
            Release = root.String("release"),
            Prune = root.Bool("prune") ?? false,
            Preserve = root.Bool("preserve") ?? false,
            MaxDocumentSize = root.Int("maxDocumentSize", 1024, int.MaxValue / 2) ?? defaults.MaxDocumentSize,
        };
        root.RejectUnknown();
        RawValueRules.Check(settings);
        return settings;
    }

    private static string? ReadRefreshInterval(SectionReader root)
    {
        var text = root.String("refreshInterval");
        if (text is not null && !GoDuration.TryParse(text, out _))
        {
            throw root.Invalid("refreshInterval", text, "a Go duration such as 1h0m0s or 15m");
        }

        return text;
    }

    private static string? ReadEntryTemplate(SectionReader section, string name)
    {
        var text = section.String(name);
        if (text is not null && !EntryNameTemplate.IsValid(text, out var problem))
        {
            throw section.Invalid(name, text, problem);
        }

        return text;
    }

    private static SecretStoreRef? ReadStoreRef(SectionReader section)
    {
        var name = section.String("name");
        var kind = section.OneOf("kind", SecretStoreRef.Kinds);
        section.RejectUnknown();
        if (name is null && kind is null)
        {
            return null;
        }

        var defaults = new Settings().SecretStoreRef;
        return new SecretStoreRef(name ?? defaults.Name, kind ?? defaults.Kind);
    }

    /// <summary>
    /// The store sections present, each read by its store's definition; an absent one is its store's defaults, made
    /// when a store needs them, so that a run pays only for the sections it has. Every section's name is still asked
    /// for, Core's own file store last as before stores were registered, so that "did you mean" weighs names alike.
    /// </summary>
    private static Dictionary<Backend, object> ReadSections(SectionReader section, StoreRegistry registry)
    {
        var sections = new Dictionary<Backend, object>();
        foreach (var definition in registry.All.OrderBy(definition => definition.Backend == Backend.File))
        {
            var reader = section.Section(definition.SectionName);
            if (section.Has(definition.SectionName))
            {
                sections.Add(definition.Backend, definition.ReadSection(reader));
            }
        }

        return sections;
    }

    private static Dictionary<string, StoreSettings> ReadStores(SectionReader root, KesSettings kes, StoreRegistry registry)
    {
        var stores = new Dictionary<string, StoreSettings>(StringComparer.Ordinal);
        foreach (var (name, section) in root.Entries("stores"))
        {
            var key = Settings.StoreKey(name);
            if (key.Length == 0)
            {
                throw new ConfigurationException($"setting '{section.Where}': a store needs a name of letters or digits");
            }

            stores.Add(key, ReadStore(name, section, kes, registry));
        }

        return stores;
    }

    private static StoreSettings ReadStore(string name, SectionReader section, KesSettings kes, StoreRegistry registry)
    {
        var backend = section.Choice("backend", registry.Names)
            ?? throw new ConfigurationException($"store '{name}' needs a 'backend': one of {string.Join(", ", registry.Names.Keys)} (setting '{section.Where}.backend')");
        var definition = registry[backend];
        RejectOtherBackendSections(name, definition, section, registry);
        var store = new StoreSettings
        {
            Name = name,
            Definition = definition,
            SecretStoreRef = ReadStoreRef(section.Section("secretStoreRef")) ?? new SecretStoreRef(name, "ClusterSecretStore"),
            EntryName = ReadEntryTemplate(section, "entryName"),
            Section = ReadSections(section, registry).GetValueOrDefault(backend) ?? definition.DefaultSettings(),
            Kes = section.Has("kes") ? ReadKes(section.Section("kes")) : kes,
            Concurrency = section.Int("concurrency", 1, 256),
            Version = section.String("version"),
            VersionStage = section.String("versionStage"),
            Layout = section.OneOf("layout", StoreSettings.Layouts) ?? StoreSettings.Layouts[0],
        };
        section.RejectUnknown();
        return store;
    }

    /// <summary>A store's settings for another backend would be silently ignored: say so instead.</summary>
    private static void RejectOtherBackendSections(string name, StoreDefinition definition, SectionReader section, StoreRegistry registry)
    {
        foreach (var other in registry.All)
        {
            if (other != definition && section.Has(other.Name))
            {
                throw new ConfigurationException(
                    $"store '{name}' has backend {definition.Name}, so its '{other.Name}' settings would be ignored; move them to a store with backend {other.Name} (setting '{section.Where}.{other.Name}')");
            }
        }
    }

    private static string? ReadDefaultStore(SectionReader root, Dictionary<string, StoreSettings> stores)
    {
        var name = root.String("defaultStore");
        return name is null ? null : RequireStore(name, stores, root.Invalid("defaultStore", name, StoreChoices(stores)));
    }

    private static string RequireStore(string name, Dictionary<string, StoreSettings> stores, ConfigurationException otherwise) =>
        stores.ContainsKey(Settings.StoreKey(name)) ? name : throw otherwise;

    private static string StoreChoices(Dictionary<string, StoreSettings> stores) =>
        stores.Count == 0 ? "the name of a store under 'stores' (there are none)" : "one of the stores: " + string.Join(", ", stores.Values.Select(store => store.Name));

    private static SecretRule ReadRule(SectionReader section, Dictionary<string, StoreSettings> stores, StoreRegistry registry)
    {
        var name = section.String("name") ?? throw new ConfigurationException("every item of 'secrets' needs a 'name' (a glob such as db-*)");
        var rule = new SecretRule
        {
            NamePattern = name,
            NamespacePattern = section.String("namespace"),
            Exclude = section.Bool("exclude") ?? false,
            Backend = section.Choice("backend", registry.Names),
            Store = section.String("store") is { } store ? RequireStore(store, stores, section.Invalid("store", store, StoreChoices(stores))) : null,
            SecretStoreRef = ReadStoreRef(section.Section("secretStoreRef")),
            EntryName = ReadEntryTemplate(section, "entryName"),
            Unsecured = section.StringList("unsecured"),
            Keys = section.List("keys").Select(ReadKeyRule).ToList(),
        };
        section.RejectUnknown();
        RejectSharedRawEntries(rule, section);
        if (rule.Store is not null && rule.Backend is not null)
        {
            throw new ConfigurationException($"setting '{section.Where}' has both 'store' and 'backend'; a store has its own backend, keep one of the two");
        }

        return rule;
    }

    /// <summary>An entry without a property holds one raw value: two keys cannot both be it.</summary>
    private static void RejectSharedRawEntries(SecretRule rule, SectionReader section)
    {
        var raw = rule.Keys.Where(key => key.Entry is not null && key.Property is null).ToList();
        foreach (var key in raw)
        {
            var other = rule.Keys.FirstOrDefault(k => k != key && k.Entry == key.Entry);
            if (other is not null)
            {
                throw new ConfigurationException(
                    $"setting '{section.Where}.keys': keys '{key.Name}' and '{other.Name}' both map to entry '{key.Entry}', which without a 'property' holds one raw value; give each a 'property' or its own entry");
            }
        }
    }

    private static KeyRule ReadKeyRule(SectionReader section)
    {
        var name = section.String("name") ?? throw new ConfigurationException("every item of 'keys' needs a 'name' (the Secret's key)");
        var generatorSection = section.Section("generator");
        var rule = new KeyRule(name, section.String("entry"), section.String("property"), ReadGenerator(generatorSection))
        {
            Version = section.String("version"),
            VersionStage = section.String("versionStage"),
            DecodingStrategy = section.OneOf("decodingStrategy", KeyRule.DecodingStrategies),
        };
        section.RejectUnknown();
        return rule;
    }

    private static GeneratorSpec? ReadGenerator(SectionReader section)
    {
        var type = section.OneOf("type", GeneratorSpec.Types);
        var classes = section.StringList("classes");
        foreach (var item in classes)
        {
            if (!GeneratorSpec.ClassNames.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                throw section.Invalid("classes", item, "a list of " + string.Join(", ", GeneratorSpec.ClassNames));
            }
        }

        var length = section.Int("length", 1, 4096);
        section.RejectUnknown();
        if (type is null)
        {
            return length is null && classes.Count == 0
                ? null
                : throw new ConfigurationException("a 'generator' needs a 'type': " + string.Join(", ", GeneratorSpec.Types));
        }

        return new GeneratorSpec(type, length ?? GeneratorSpec.DefaultLength, classes.Count == 0 ? GeneratorSpec.ClassNames : classes);
    }

    private static KesSettings ReadKes(SectionReader section)
    {
        var defaults = new KesSettings();
        var settings = new KesSettings
        {
            VaultMountPoint = section.String("vaultMountPoint", defaults.VaultMountPoint),
            VaultRole = section.String("vaultRole", defaults.VaultRole),
            RoleArn = section.String("roleArn"),
        };
        section.RejectUnknown();
        return settings;
    }

    private static PopulationSettings ReadPopulation(SectionReader root)
    {
        var defaults = new PopulationSettings();
        var enabled = root.Bool("populate") ?? defaults.Enabled;
        if (root.Bool("noPopulate") == true)
        {
            enabled = false;
        }

        return new PopulationSettings
        {
            Enabled = enabled,
            DryRun = root.Bool("dryRun") ?? false,
            OverwriteExisting = root.Bool("overwriteExisting") ?? false,
            Concurrency = root.Int("concurrency", 1, 256) ?? defaults.Concurrency,
            Timeout = root.Duration("timeout") ?? defaults.Timeout,
            Retries = root.Int("retries", 0, 20) ?? defaults.Retries,
        };
    }
}
