using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Azure;

/// <summary>Azure Key Vault as Core sees it: its settings, its name rules (compared ignoring case), its KES and Jenkins X fields.</summary>
public sealed class AzureStoreDefinition : StoreDefinition<AzureSettings>
{
    public static AzureStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.Azure;

    public override string Name => "azure";

    public override string? KesBackendType => "azureKeyVault";

    public override bool EntryNamesIgnoreCase => true;

    public override bool MigratesFromKes => true;

    public override string? JenkinsXInstanceSetting => "azure:keyVaultName";

    public override string EntryName(string raw) =>
        EntryNameRules.Limit(EntryNameRules.Replace(raw, static c => char.IsAsciiLetterOrDigit(c) || c == '-', static _ => '-'), 127, "Azure Key Vault");

    public override AzureSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new AzureSettings
        {
            KeyVaultName = section.String("keyVaultName"),
            VaultUrl = section.String("vaultUrl"),
        };
        section.RejectUnknown();
        return settings;
    }

    public override IEnumerable<KeyValuePair<string, string?>> KesFields(AzureSettings settings, KesSettings kes) => KesInstanceFields(settings);

    public override IEnumerable<KeyValuePair<string, string?>> KesInstanceFields(AzureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("keyVaultName", settings.KeyVaultName)];
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(add);
        add("azure:keyVaultName", secret.Field("azureKeyVault", "keyVaultName") ?? secret.Default("azureKeyVault", "keyVaultName")
            ?? throw secret.Error($"secret '{secret.Name}' uses azureKeyVault without a keyVaultName; set azureKeyVault.keyVaultName"));
        add("versionStage", secret.Default("versionStage"));
        add("entryName", "{name}");
    }
}
