using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Alibaba;

/// <summary>Alibaba Cloud KMS Secrets Manager as Core sees it: its settings, its name rules, gjson properties, its KES and Jenkins X fields.</summary>
public sealed class AlibabaStoreDefinition : StoreDefinition<AlibabaSettings>
{
    public static AlibabaStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.Alibaba;

    public override string Name => "alibaba";

    public override string? KesBackendType => "alicloudSecretsManager";

    // ESO's Alibaba provider reads remoteRef.property as a gjson path.
    public override bool PropertiesAreGjsonPaths => true;

    /// <summary>KMS secret names: letters, digits and <c>_/+=.@-</c>, up to 192 characters; refused, not rewritten.</summary>
    public override string EntryName(string raw)
    {
        EntryNameRules.RequireCharacters(raw, "/_+=.@-", "Alibaba Cloud KMS", "secret names");
        return EntryNameRules.Limit(raw, 192, "Alibaba Cloud KMS");
    }

    public override AlibabaSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
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

    // jx secret convert writes the mapping's roleArn for alicloudSecretsManager too (its test data, alicloud/oauth1).
    public override IEnumerable<KeyValuePair<string, string?>> KesFields(AlibabaSettings settings, KesSettings kes)
    {
        ArgumentNullException.ThrowIfNull(kes);
        return [new("roleArn", kes.RoleArn)];
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(add);
        add("kes:roleArn", secret.Field("roleArn") ?? secret.Default("roleArn"));
        add("versionStage", secret.Default("versionStage"));
        add("entryName", "{name}");
    }
}
