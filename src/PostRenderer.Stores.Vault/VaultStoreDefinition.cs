using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Vault;

/// <summary>HashiCorp Vault KV as Core sees it: its settings, path names, and the KES and Jenkins X shapes of its entries.</summary>
public sealed class VaultStoreDefinition : StoreDefinition<VaultSettings>
{
    public static VaultStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.Vault;

    public override string Name => "vault";

    public override string? KesBackendType => "vault";

    // Vault KV entries are always maps: ESO reads one without a property as the whole map.
    public override bool HoldsPlainValues => false;

    public override bool EntryNamesMayMerge => false;

    public override bool EntryNamesArePaths => true;

    public override JenkinsXEntries JenkinsXEntries => JenkinsXEntries.NamePath;

    public override bool JenkinsXPropertyPerKey => true;

    public override bool MigratesFromKes => true;

    public override string EntryName(string raw) => EntryNameRules.RequirePath(raw);

    public override VaultSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
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

    public override IEnumerable<KeyValuePair<string, string?>> KesFields(VaultSettings settings, KesSettings kes)
    {
        ArgumentNullException.ThrowIfNull(kes);
        return [new("vaultMountPoint", kes.VaultMountPoint), new("vaultRole", kes.VaultRole)];
    }

    /// <summary>KES reads Vault through the raw HTTP API path, so KV v2 entries carry the mount and <c>/data/</c>.</summary>
    public override string KesRemoteKey(VaultSettings settings, string entry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.KvVersion == 1 ? $"{settings.Mount}/{entry}" : $"{settings.Mount}/data/{entry}";
    }

    /// <summary>KES read Vault through API paths (<c>secret/data/x</c>); ESO's key is relative to the store's mount.</summary>
    public override string MigrateKesKey(VaultSettings settings, string key, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(warn);
        var mount = settings.Mount + "/";
        if (key.StartsWith(mount + "data/", StringComparison.Ordinal))
        {
            return key[(mount.Length + "data/".Length)..];
        }

        if (key.StartsWith(mount, StringComparison.Ordinal))
        {
            return key[mount.Length..];
        }

        warn($"Vault key '{key}' is not under the store's mount '{settings.Mount}'; kept as it is, check the ESO store's path");
        return key;
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add)
    {
        ArgumentNullException.ThrowIfNull(add);

        // jx wrote KV v2 API paths under the 'secret' mount; the KV version is still asked of Vault when populating.
        add("vault:mount", "secret");
        add("entryName", "{namePath}");
    }

    /// <summary>Jenkins X wrote Vault keys as full KV v2 API paths; our entries are relative to the mount.</summary>
    public override string JenkinsXEntry(JenkinsXSecret secret, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.TrimStart('/');
        return trimmed.StartsWith("secret/data/", StringComparison.Ordinal) ? trimmed["secret/data/".Length..] : trimmed;
    }
}
