using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Turns the layered configuration into <see cref="Settings"/>, rejecting unknown names and bad values.
/// Every setting the tool has is read here, so this file and the README's table must agree.
/// </summary>
internal static class SettingsReader
{
    // Names that only make sense outside the file (they choose the file, or come from helmfile's environment).
    private static readonly string[] EnvironmentOnly = ["config", "noPopulate"];

    public static Settings Read(SettingsTree configuration, string origin, Func<string, string> describeOrigin)
    {
        var root = new SectionReader(configuration, "", describeOrigin);
        foreach (var name in EnvironmentOnly)
        {
            root.String(name);
        }

        var defaults = new Settings();
        var vault = ReadVault(root.Section("vault"));
        var aws = ReadAws(root.Section("aws"));
        var gcp = ReadGcp(root.Section("gcp"));
        var azure = ReadAzure(root.Section("azure"));
        var alibaba = ReadAlibaba(root.Section("alibaba"));
        var parameterStore = ReadParameterStore(root.Section("parameterStore"));
        var file = ReadFile(root.Section("file"));
        var kes = ReadKes(root.Section("kes"));
        var stores = ReadStores(root, kes);
        var settings = new Settings
        {
            Origin = origin,
            Format = root.Choice("format", SettingNames.Formats) ?? defaults.Format,
            Backend = root.Choice("backend", SettingNames.Backends) ?? defaults.Backend,
            Namespace = root.String("namespace", defaults.Namespace),
            NamespaceGiven = root.String("namespace") is not null,
            SecretStoreRef = ReadStoreRef(root.Section("secretStoreRef")) ?? defaults.SecretStoreRef,
            RefreshInterval = ReadRefreshInterval(root) ?? defaults.RefreshInterval,
            EntryName = ReadEntryTemplate(root, "entryName"),
            Secrets = root.List("secrets").Select(rule => ReadRule(rule, stores)).ToList(),
            Stores = stores,
            DefaultStoreName = ReadDefaultStore(root, stores),
            Vault = vault,
            Aws = aws,
            Gcp = gcp,
            Azure = azure,
            Alibaba = alibaba,
            ParameterStore = parameterStore,
            File = file,
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

    private static Dictionary<string, StoreSettings> ReadStores(SectionReader root, KesSettings kes)
    {
        var stores = new Dictionary<string, StoreSettings>(StringComparer.Ordinal);
        foreach (var (name, section) in root.Entries("stores"))
        {
            var key = Settings.StoreKey(name);
            if (key.Length == 0)
            {
                throw new ConfigurationException($"setting '{section.Where}': a store needs a name of letters or digits");
            }

            stores.Add(key, ReadStore(name, section, kes));
        }

        return stores;
    }

    private static StoreSettings ReadStore(string name, SectionReader section, KesSettings kes)
    {
        var backend = section.Choice("backend", SettingNames.Backends)
            ?? throw new ConfigurationException($"store '{name}' needs a 'backend': one of {string.Join(", ", SettingNames.Backends.Keys)} (setting '{section.Where}.backend')");
        RejectOtherBackendSections(name, backend, section);
        var store = new StoreSettings
        {
            Name = name,
            Backend = backend,
            SecretStoreRef = ReadStoreRef(section.Section("secretStoreRef")) ?? new SecretStoreRef(name, "ClusterSecretStore"),
            EntryName = ReadEntryTemplate(section, "entryName"),
            Vault = ReadVault(section.Section("vault")),
            Aws = ReadAws(section.Section("aws")),
            Gcp = ReadGcp(section.Section("gcp")),
            Azure = ReadAzure(section.Section("azure")),
            Alibaba = ReadAlibaba(section.Section("alibaba")),
            ParameterStore = ReadParameterStore(section.Section("parameterStore")),
            File = ReadFile(section.Section("file")),
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
    private static void RejectOtherBackendSections(string name, Backend backend, SectionReader section)
    {
        foreach (var (sectionName, sectionBackend) in SettingNames.Backends)
        {
            if (sectionBackend != backend && section.Has(sectionName))
            {
                throw new ConfigurationException(
                    $"store '{name}' has backend {SettingNames.Name(backend)}, so its '{sectionName}' settings would be ignored; move them to a store with backend {sectionName} (setting '{section.Where}.{sectionName}')");
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

    private static SecretRule ReadRule(SectionReader section, Dictionary<string, StoreSettings> stores)
    {
        var name = section.String("name") ?? throw new ConfigurationException("every item of 'secrets' needs a 'name' (a glob such as db-*)");
        var rule = new SecretRule
        {
            NamePattern = name,
            NamespacePattern = section.String("namespace"),
            Exclude = section.Bool("exclude") ?? false,
            Backend = section.Choice("backend", SettingNames.Backends),
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

    private static VaultSettings ReadVault(SectionReader section)
    {
        var defaults = new VaultSettings();
        var kvVersion = section.Int("kvVersion", 1, 2);
        var settings = new VaultSettings
        {
            Address = section.String("address"),
            Mount = section.String("mount", defaults.Mount).Trim('/'),
            KvVersion = kvVersion,
            Namespace = section.String("namespace"),
            CaCert = section.String("caCert"),
            SkipVerify = section.Bool("skipVerify"),
            AuthMethod = section.OneOf("authMethod", VaultSettings.AuthMethods) ?? defaults.AuthMethod,
            AuthMount = section.String("authMount"),
            Role = section.String("role"),
            TokenFile = section.String("tokenFile", defaults.TokenFile),
            RoleId = section.String("roleId"),
            SecretIdFile = section.String("secretIdFile"),
        };
        section.RejectUnknown();
        return settings;
    }

    private static AwsSettings ReadAws(SectionReader section)
    {
        var settings = new AwsSettings
        {
            Region = section.String("region"),
            RoleArn = section.String("roleArn"),
            Endpoint = section.String("endpoint"),
        };
        section.RejectUnknown();
        return settings;
    }

    private static GcpSettings ReadGcp(SectionReader section)
    {
        var settings = new GcpSettings
        {
            ProjectId = section.String("projectId"),
            Endpoint = section.String("endpoint"),
            ReplicaLocations = section.StringList("replicaLocations"),
            QuotaWait = section.Duration("quotaWait") ?? new GcpSettings().QuotaWait,
        };
        section.RejectUnknown();
        return settings;
    }

    private static AzureSettings ReadAzure(SectionReader section)
    {
        var settings = new AzureSettings
        {
            KeyVaultName = section.String("keyVaultName"),
            VaultUrl = section.String("vaultUrl"),
        };
        section.RejectUnknown();
        return settings;
    }

    private static AlibabaSettings ReadAlibaba(SectionReader section)
    {
        var settings = new AlibabaSettings
        {
            RegionId = section.String("regionId"),
            Endpoint = section.String("endpoint"),
            StsEndpoint = section.String("stsEndpoint"),
            EncryptionKeyId = section.String("encryptionKeyId"),
        };
        section.RejectUnknown();
        return settings;
    }

    private static ParameterStoreSettings ReadParameterStore(SectionReader section)
    {
        var settings = new ParameterStoreSettings
        {
            Region = section.String("region"),
            RoleArn = section.String("roleArn"),
            Endpoint = section.String("endpoint"),
            KmsKeyId = section.String("kmsKeyId"),
            Tier = section.OneOf("tier", ParameterStoreSettings.Tiers) ?? new ParameterStoreSettings().Tier,
        };
        section.RejectUnknown();
        return settings;
    }

    private static FileStoreSettings ReadFile(SectionReader section)
    {
        var path = section.String("path");
        section.RejectUnknown();
        return path is null ? new FileStoreSettings() : new FileStoreSettings { Path = path };
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
