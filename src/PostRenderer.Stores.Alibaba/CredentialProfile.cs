using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// One credentials profile in the CLI configuration's terms (a credentials-file profile is translated to them): its
/// mode (AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC...) and its fields, secret ones among them:
/// never format the fields.
/// </summary>
internal sealed record CredentialProfile(string Mode, IReadOnlyDictionary<string, string> Fields, string Describe)
{
    /// <summary>The profile <c>source_profile</c> names (ChainableRamRoleArn), read on demand.</summary>
    public Func<CredentialProfile>? Source { get; init; }

    public string? Optional(string key) => Fields.GetValueOrDefault(key);

    public string Required(string key) =>
        Fields.GetValueOrDefault(key) ?? throw new ConfigurationException($"alibaba: {Describe} has no {key}; add it");

    public override string ToString() => Describe;
}
