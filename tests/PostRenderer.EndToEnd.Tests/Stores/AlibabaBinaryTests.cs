namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary against the fake KMS Secrets Manager (<c>alibaba.endpoint</c>), requests signed with
/// ACS3-HMAC-SHA256 and checked by the fake: an AccessKey from the environment, and RRSA (an OIDC token exchanged
/// with STS AssumeRoleWithOIDC at <c>alibaba.stsEndpoint</c>).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class AlibabaBinaryTests
{
    private const string AccessKeyId = "LTAI5tE2eAccessKeyId";
    private const string AccessKeySecret = "e2e-access-key-secret-never-printed";

    [Fact]
    public async Task An_access_key_from_the_environment_populates_once()
    {
        await using var kms = await FakeAlibabaKms.StartAsync();
        kms.AddAccessKey(AccessKeyId, AccessKeySecret);
        using var roundTrip = AlibabaRoundTrip.Start(kms);
        roundTrip.Variables.Set("ALIBABA_CLOUD_ACCESS_KEY_ID", AccessKeyId).Set("ALIBABA_CLOUD_ACCESS_KEY_SECRET", AccessKeySecret);

        await AlibabaRoundTrip.AssertAsync(kms, roundTrip);

        Assert.DoesNotContain(AccessKeySecret, string.Join('\n', kms.Queries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rrsa_exchanges_the_oidc_token_with_sts_and_populates_once()
    {
        await using var kms = await FakeAlibabaKms.StartAsync();
        using var roundTrip = AlibabaRoundTrip.Start(kms);
        roundTrip.Variables.Set("ALIBABA_CLOUD_ROLE_ARN", FakeAlibabaKms.RoleArn)
            .Set("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", FakeAlibabaKms.ProviderArn)
            .Set("ALIBABA_CLOUD_OIDC_TOKEN_FILE", roundTrip.WriteFile("rrsa-token", kms.OidcToken));

        await AlibabaRoundTrip.AssertAsync(kms, roundTrip);

        Assert.Equal(2, kms.StsCalls); // one per run
    }
}
