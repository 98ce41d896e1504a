using PostRenderer.Core.Configuration;
using PostRenderer.Stores.Aws;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>AWS Systems Manager Parameter Store as Core sees it: its settings, its parameter-name rules, its KES and Jenkins X fields.</summary>
public sealed class ParameterStoreDefinition : StoreDefinition<ParameterStoreSettings>
{
    public static ParameterStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.ParameterStore;

    public override string Name => "parameterstore";

    public override string SectionName => "parameterStore";

    public override string? KesBackendType => "systemManager";

    public override string? JenkinsXInstanceSetting => "parameterStore:region";

    /// <summary>
    /// Parameter names: letters, digits and <c>_.-/</c>; a name with a '/' is a path and must begin with one (so the
    /// default <c>ns/app</c> becomes <c>/ns/app</c>); at most 15 levels; names starting with aws or ssm are AWS's.
    /// </summary>
    public override string EntryName(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        EntryNameRules.RequireCharacters(raw, "/_.-", "AWS Parameter Store");
        var name = raw.Contains('/', StringComparison.Ordinal) && !raw.StartsWith('/') ? "/" + raw : raw;
        var bare = name.TrimStart('/');
        if (bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
        {
            throw new EntryNameException($"store entry '{name}' begins with aws or ssm, which AWS Parameter Store reserves; fix entryName");
        }

        if (name.Count(c => c == '/') > 15 || name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/'))
        {
            throw new EntryNameException($"store entry '{name}' is not a parameter path of 1 to 15 non-empty levels; fix entryName");
        }

        // 1,011 characters is AWS's limit for the whole ARN (arn:aws-us-gov:ssm:REGION:ACCOUNT:parameter is up to 61 of them).
        return EntryNameRules.Limit(name, 950, "AWS Parameter Store");
    }

    public override ParameterStoreSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
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

    public override IEnumerable<KeyValuePair<string, string?>> KesFields(ParameterStoreSettings settings, KesSettings kes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [new("roleArn", settings.RoleArn), new("region", settings.Region)];
    }

    public override void MapJenkinsX(JenkinsXSecret secret, Action<string, string?> add) => JenkinsXAws.Map(secret, "parameterStore", add);
}
