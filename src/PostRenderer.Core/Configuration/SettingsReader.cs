using PostRenderer.Core.Conversion;
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
        var settings = new Settings
        {
            Origin = origin,
            Format = root.Choice("format", SettingNames.Formats) ?? defaults.Format,
            Backend = root.Choice("backend", SettingNames.Backends) ?? defaults.Backend,
            Namespace = root.String("namespace", defaults.Namespace),
            NamespaceGiven = root.String("namespace") is not null,
            Strict = root.Bool("strict") ?? false,
            SecretStoreRef = ReadStoreRef(root.Section("secretStoreRef")) ?? defaults.SecretStoreRef,
            RefreshInterval = ReadRefreshInterval(root) ?? defaults.RefreshInterval,
            EntryName = ReadEntryTemplate(root, "entryName"),
            Secrets = root.List("secrets").Select(ReadRule).ToList(),
            Vault = ReadVault(root.Section("vault")),
            Aws = ReadAws(root.Section("aws")),
            Gcp = ReadGcp(root.Section("gcp")),
            Azure = ReadAzure(root.Section("azure")),
            File = ReadFile(root.Section("file")),
            Kes = ReadKes(root.Section("kes")),
            Populate = ReadPopulation(root),
            LogFile = root.String("logFile"),
            Debug = root.Bool("debug") ?? false,
            SkipHooks = root.Bool("skipHooks") ?? false,
            OutputDir = root.String("outputDir"),
            Release = root.String("release"),
            Prune = root.Bool("prune") ?? false,
            Preserve = root.Bool("preserve") ?? false,
            MaxDocumentSize = root.Int("maxDocumentSize", 1024, int.MaxValue / 2) ?? defaults.MaxDocumentSize,
        };
        root.RejectUnknown();
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

    private static SecretRule ReadRule(SectionReader section)
    {
        var name = section.String("name") ?? throw new ConfigurationException("every item of 'secrets' needs a 'name' (a glob such as db-*)");
        var rule = new SecretRule
        {
            NamePattern = name,
            NamespacePattern = section.String("namespace"),
            Exclude = section.Bool("exclude") ?? false,
            Backend = section.Choice("backend", SettingNames.Backends),
            SecretStoreRef = ReadStoreRef(section.Section("secretStoreRef")),
            EntryName = ReadEntryTemplate(section, "entryName"),
            Unsecured = section.StringList("unsecured"),
            Keys = section.List("keys").Select(ReadKeyRule).ToList(),
        };
        section.RejectUnknown();
        return rule;
    }

    private static KeyRule ReadKeyRule(SectionReader section)
    {
        var name = section.String("name") ?? throw new ConfigurationException("every item of 'keys' needs a 'name' (the Secret's key)");
        var generatorSection = section.Section("generator");
        var rule = new KeyRule(name, section.String("entry"), section.String("property"), ReadGenerator(generatorSection));
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
