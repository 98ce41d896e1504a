using System.Text.Json.Nodes;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary with the Alibaba Cloud credential sources that read files and the metadata service: a
/// RamRoleArn profile of <c>~/.aliyun/config.json</c> (STS AssumeRole, signed and checked by the fake) and the ECS
/// RAM role from a fake instance metadata service (session token, role discovered).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class AlibabaProfileBinaryTests
{
    private const string AccessKeyId = "LTAI5tE2eProfileKeyId";
    private const string AccessKeySecret = "e2e-profile-key-secret-never-printed";

    [Fact]
    public async Task A_ram_role_profile_of_the_cli_configuration_populates_once()
    {
        await using var kms = await FakeAlibabaKms.StartAsync();
        kms.AddAccessKey(AccessKeyId, AccessKeySecret);
        using var roundTrip = AlibabaRoundTrip.Start(kms);
        var aliyun = roundTrip.Variables.Subdirectory(Path.Combine("home", ".aliyun"));
        File.WriteAllText(Path.Combine(aliyun, "config.json"), new JsonObject
        {
            ["current"] = "seeder",
            ["profiles"] = new JsonArray(new JsonObject
            {
                ["name"] = "seeder",
                ["mode"] = "RamRoleArn",
                ["access_key_id"] = AccessKeyId,
                ["access_key_secret"] = AccessKeySecret,
                ["ram_role_arn"] = FakeAlibabaKms.AssumableRoleArn,
                ["ram_session_name"] = "e2e",
                ["expired_seconds"] = 0,
            }),
        }.ToJsonString());

        await AlibabaRoundTrip.AssertAsync(kms, roundTrip);

        Assert.Equal(2, kms.Calls("AssumeRole")); // one per run
    }

    [Fact]
    public async Task The_ecs_ram_role_from_the_metadata_service_populates_once()
    {
        await using var kms = await FakeAlibabaKms.StartAsync();
        await using var metadata = await FakeEcsMetadataServer.StartAsync(kms);
        using var roundTrip = AlibabaRoundTrip.Start(kms);
        roundTrip.Variables.Set("ALIBABA_CLOUD_ECS_METADATA_DISABLED", null)
            .Set("ALIBABA_CLOUD_ECS_METADATA_ENDPOINT", metadata.Address.ToString());

        await AlibabaRoundTrip.AssertAsync(kms, roundTrip);

        Assert.Equal(2, metadata.IssuedCredentials); // one per run
        Assert.Equal(0, metadata.TokenlessRequests);
    }
}
