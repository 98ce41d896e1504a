using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 18 item 6 for AWS: a write is a compare-and-set (PutSecretValue under our staging label, then
/// UpdateSecretVersionStage with RemoveFromVersionId = the version read), so a rotation landing between the read and
/// the write is never undone; where UpdateSecretVersionStage is denied, one warning and check-write-repair instead.
/// </summary>
public sealed class CompareAndSetTests : AgainstAws
{
    private const string Entry = "ns/db";
    private const string Original = """{"password":"old","user":"app"}""";
    private const string Rotated = """{"password":"rotated","user":"app"}""";

    [Fact]
    public async Task A_write_makes_our_staged_version_current_and_the_one_read_previous()
    {
        Server.Secrets.Seed(Entry, Original);
        var read = await Store.ReadAsync(Entry, default);

        Assert.True(await Store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        var current = Server.Secrets.CurrentVersionId(Entry)!;
        Assert.Equal(["AWSCURRENT", AwsStore.StagingLabel], Server.Secrets.Stages(Entry, current).Order(StringComparer.Ordinal));
        Assert.Equal(["AWSPREVIOUS"], Server.Secrets.Stages(Entry, read!.Version!));
        Assert.True(Store.HasCompareAndSet);
        Assert.Empty(Target.Reporter.Warnings);
    }

    [Theory]
    [InlineData("PutSecretValue")]
    [InlineData("UpdateSecretVersionStage")]
    public async Task A_rotation_landing_between_read_and_write_is_not_undone(string landsBefore)
    {
        Server.Secrets.Seed(Entry, Original);
        var read = await Store.ReadAsync(Entry, default);
        RotateOnceBefore(landsBefore);

        Assert.False(await Store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal(Rotated, Server.Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task The_populator_keeps_the_rotated_password_and_adds_its_key()
    {
        Server.Secrets.Seed(Entry, Original);
        RotateOnceBefore("UpdateSecretVersionStage");

        var outcome = await new Populator(Store, new PopulationSettings()).PopulateAsync(new EntryRequest(Entry, Properties(("password", "from-chart"), ("url", "postgres://db")), "document 1"), default);

        Assert.Equal(["url"], outcome.Added);
        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Current());
    }

    [Fact]
    public async Task A_stage_move_applied_but_answered_with_500_counts_as_done()
    {
        Server.Secrets.Seed(Entry, Original);
        var read = await Store.ReadAsync(Entry, default);
        Server.Fail("UpdateSecretVersionStage", new FakeFault(500, AfterApplying: true));

        Assert.True(await Store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal("postgres://db", Current()["url"]);
        Assert.Equal(2, Server.Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_it_warns_once_and_still_writes()
    {
        Server.DeniedOperations["UpdateSecretVersionStage"] = true;
        Server.Secrets.Seed(Entry, Original);
        Server.Secrets.Seed("ns/other", Original);
        var populator = new Populator(Store, new PopulationSettings());

        await populator.PopulateAsync(new EntryRequest(Entry, Properties(("url", "postgres://db")), "document 1"), default);
        await populator.PopulateAsync(new EntryRequest("ns/other", Properties(("url", "postgres://other")), "document 2"), default);

        Assert.Equal("postgres://db", Current()["url"]);
        Assert.False(Store.HasCompareAndSet);
        var warning = Assert.Single(Target.Reporter.Warnings);
        Assert.Contains("secretsmanager:UpdateSecretVersionStage is denied", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_a_rotation_between_check_and_write_is_merged_back()
    {
        Server.DeniedOperations["UpdateSecretVersionStage"] = true;
        Server.Secrets.Seed(Entry, Original);
        var read = await Store.ReadAsync(Entry, default);
        var puts = 0;
        Server.Secrets.BeforeOperation = (operation, _) =>
        {
            // The first PutSecretValue is the staged one, before the denial; the rotation lands before the second.
            if (operation == "PutSecretValue" && ++puts == 2)
            {
                Server.Secrets.Seed(Entry, Rotated);
            }
        };

        Assert.True(await Store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Current());
    }

    private void RotateOnceBefore(string operation)
    {
        var rotated = false;
        Server.Secrets.BeforeOperation = (called, _) =>
        {
            if (called == operation && !rotated)
            {
                rotated = true;
                Server.Secrets.Seed(Entry, Rotated);
            }
        };
    }

    private static Dictionary<string, string> WithUrl(StoreEntry read) =>
        new(read.Properties, StringComparer.Ordinal) { ["url"] = "postgres://db" };

    private Dictionary<string, string> Current() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Server.Secrets.CurrentString(Entry)!)!;
}
