using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 18 item 3: a secret created without a value (Terraform's aws_secretsmanager_secret with a KMS key and tags,
/// the value left to us). AWS answers GetSecretValue with ResourceNotFoundException ("can't find the specified
/// secret value for staging label: AWSCURRENT") and CreateSecret with ResourceExistsException; DescribeSecret shows
/// the secret without VersionIdsToStages. The store fills it with PutSecretValue and keeps its settings.
/// </summary>
public sealed class ValuelessSecretTests : AgainstAws
{
    private const string KmsKey = "arn:aws:kms:eu-test-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Fact]
    public async Task A_secret_without_a_value_is_read_as_absent()
    {
        Server.Secrets.SeedWithoutValue("ns/app", KmsKey, "team", "payments");

        Assert.Null(await Store.ReadAsync("ns/app", default));
    }

    [Fact]
    public async Task Population_gives_a_secret_without_a_value_its_value_and_keeps_its_kms_key_and_tags()
    {
        Server.Secrets.SeedWithoutValue("ns/app", KmsKey, "team", "payments");
        var populator = new Populator(Store, new PopulationSettings());

        var outcome = await populator.PopulateAsync(new EntryRequest("ns/app", Properties(("password", "s3cr3t")), "document 1"), default);

        Assert.Equal(["password"], outcome.Added);
        Assert.Equal("""{"password":"s3cr3t"}""", Server.Secrets.CurrentString("ns/app"));
        Assert.Equal(1, Server.Secrets.VersionCount("ns/app"));
        var (kmsKeyId, tags) = Server.Secrets.Settings("ns/app");
        Assert.Equal(KmsKey, kmsKeyId);
        Assert.Equal("payments", tags["team"]);
        Assert.Equal(["GetSecretValue", "CreateSecret", "DescribeSecret", "PutSecretValue", "UpdateSecretVersionStage"], Server.Operations);
    }

    [Fact]
    public async Task A_secret_another_writer_gave_a_value_meanwhile_is_not_overwritten()
    {
        Server.Secrets.Seed("ns/app", """{"password":"theirs"}""");

        Assert.False(await Store.TryWriteAsync("ns/app", Properties(("password", "ours")), null, default));

        Assert.Equal("""{"password":"theirs"}""", Server.Secrets.CurrentString("ns/app"));
        Assert.DoesNotContain("PutSecretValue", Server.Operations);
    }
}
