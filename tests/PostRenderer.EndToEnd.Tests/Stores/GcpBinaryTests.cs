using System.Text.Json.Nodes;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// The published binary against the fake Secret Manager (<c>gcp.endpoint</c>) with each kind of Application Default
/// Credentials the tool reads with its own code: a service-account key (a signed JWT exchanged at its token_uri),
/// gcloud's authorized-user login (a refresh token), workload identity federation (a file-sourced subject token
/// exchanged at STS), and the metadata server (GCE_METADATA_HOST).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class GcpBinaryTests
{
    [Fact]
    public async Task A_service_account_key_populates_once()
    {
        await using var fake = await FakeSecretManager.StartAsync();
        using var key = new ServiceAccountKeyFile(fake.TokenUri);
        fake.TrustedKey = key.Key;
        using var roundTrip = Gcp(fake);
        roundTrip.Variables.Set("GOOGLE_APPLICATION_CREDENTIALS", key.Path);

        await AssertRoundTripAsync(fake, roundTrip);
    }

    [Fact]
    public async Task An_authorized_user_refresh_token_populates_once()
    {
        await using var fake = await FakeSecretManager.StartAsync();
        using var roundTrip = Gcp(fake);
        roundTrip.Variables.Set("GOOGLE_APPLICATION_CREDENTIALS", roundTrip.WriteFile("user.json", new JsonObject
        {
            ["type"] = "authorized_user",
            ["client_id"] = FakeSecretManager.UserClientId,
            ["client_secret"] = FakeSecretManager.UserClientSecret,
            ["refresh_token"] = FakeSecretManager.UserRefreshToken,
            ["token_uri"] = fake.TokenUri.ToString(),
        }.ToJsonString()));

        await AssertRoundTripAsync(fake, roundTrip);
    }

    [Fact]
    public async Task A_file_sourced_external_account_populates_once()
    {
        await using var fake = await FakeSecretManager.StartAsync();
        using var roundTrip = Gcp(fake);
        var subject = roundTrip.WriteFile("subject-token", FakeSecretManager.SubjectToken + "\n");
        roundTrip.Variables.Set("GOOGLE_APPLICATION_CREDENTIALS", roundTrip.WriteFile("federated.json", new JsonObject
        {
            ["type"] = "external_account",
            ["audience"] = FakeSecretManager.WorkloadAudience,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["token_url"] = fake.StsUri.ToString(),
            ["credential_source"] = new JsonObject { ["file"] = subject },
        }.ToJsonString()));

        await AssertRoundTripAsync(fake, roundTrip);
    }

    [Fact]
    public async Task The_metadata_server_populates_once()
    {
        await using var fake = await FakeSecretManager.StartAsync();
        await using var metadata = await FakeMetadataServer.StartAsync(fake);
        using var roundTrip = Gcp(fake);
        roundTrip.Variables.Set("GCE_METADATA_HOST", metadata.Host);

        await AssertRoundTripAsync(fake, roundTrip);

        Assert.True(metadata.TokenRequests >= 2, "each run asks the metadata server for a token");
    }

    private static StoreRoundTrip Gcp(FakeSecretManager fake)
    {
        var roundTrip = new StoreRoundTrip("gcp");
        roundTrip.Variables.Set("SECRET_POSTRENDERER_GCP__PROJECT_ID", FakeSecretManager.Project)
            .Set("SECRET_POSTRENDERER_GCP__ENDPOINT", fake.Endpoint.ToString());
        return roundTrip;
    }

    private static Task AssertRoundTripAsync(FakeSecretManager fake, StoreRoundTrip roundTrip) =>
        roundTrip.AssertCreatedThenPresentAsync(
            () => fake.LatestJson(StoreRoundTrip.Entry)?[StoreRoundTrip.Key]?.GetValue<string>(),
            () => fake.VersionCount(StoreRoundTrip.Entry));
}
