using PostRenderer.Core.Configuration;

namespace PostRenderer.Stores.Aws;

/// <summary>AWS Secrets Manager as Core sees it: its settings, its name rules, and its KES and Jenkins X fields.</summary>
public sealed class AwsStoreDefinition : StoreDefinition<AwsSettings>
{
    public static AwsStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.Aws;

    public override string Name => "aws";

    public override string? KesBackendType => "secretsManager";

    public override bool MigratesFromKes => true;

    public override string? JenkinsXInstanceSetting => "aws:region";

    public override string EntryName(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        EntryNameRules.RequireCharacters(raw, "/_+=.@-", "AWS Secrets Manager");

        // AWS reads a trailing '-' plus six characters as its own random ARN suffix; keep names from looking like one.
        var name = raw.Length > 7 && raw[^7] == '-' ? raw[..^7] + "_" + raw[^6..] : raw;
        return EntryNameRules.Limit(name, 512, "AWS Secrets Manager");
    }

    public override AwsSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new AwsSettings
        {
            Region = section.String("region"),
            RoleArn = section.String("roleArn"),
            Endpoint = section.String("endpoint"),
        };
        section.RejectUnknown();
        return settings;
    }

    public override IEnumerable<KeyValuePair<string, string?>> KesFields(AwsSettings settings, KesSettings kes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("roleArn", settings.RoleArn), new("region", settings.Region)];
    }

    public override IEnumerable<KeyValuePair<string, string?>> KesInstanceFields(AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("region", settings.Region), new("roleArn", settings.RoleArn)];
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add) => JenkinsXAws.Map(secret, "aws", add);
}
