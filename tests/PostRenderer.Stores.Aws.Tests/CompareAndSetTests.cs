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
public sealed class CompareAndSetTests : IAsyncLifetime
{
    private const string Entry = "ns/db";
    private const string Original = """{"password":"old","user":"app"}""";
    private const string Rotated = """{"password":"rotated","user":"app"}""";
    private readonly RecordingReporter reporter = new();
    private FakeAwsServer server = null!;
    private ISecretStore store = null!;

    public async Task InitializeAsync()
    {
        server = await FakeAwsServer.StartAsync();
        store = new AwsStoreFactory().Create(Context(Environment(server)) with { Reporter = reporter });
    }

    public async Task DisposeAsync()
    {
        store.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_write_makes_our_staged_version_current_and_the_one_read_previous()
    {
        server.Secrets.Seed(Entry, Original);
        var read = await store.ReadAsync(Entry, default);

        Assert.True(await store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        var current = server.Secrets.CurrentVersionId(Entry)!;
        Assert.Equal(["AWSCURRENT", AwsStore.StagingLabel], server.Secrets.Stages(Entry, current).Order(StringComparer.Ordinal));
        Assert.Equal(["AWSPREVIOUS"], server.Secrets.Stages(Entry, read!.Version!));
        Assert.True(store.HasCompareAndSet);
        Assert.Empty(reporter.Warnings);
    }

    [Theory]
    [InlineData("PutSecretValue")]
    [InlineData("UpdateSecretVersionStage")]
    public async Task A_rotation_landing_between_read_and_write_is_not_undone(string landsBefore)
    {
        server.Secrets.Seed(Entry, Original);
        var read = await store.ReadAsync(Entry, default);
        RotateOnceBefore(landsBefore);

        Assert.False(await store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal(Rotated, server.Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task The_populator_keeps_the_rotated_password_and_adds_its_key()
    {
        server.Secrets.Seed(Entry, Original);
        RotateOnceBefore("UpdateSecretVersionStage");

        var outcome = await new Populator(store, new PopulationSettings()).PopulateAsync(new EntryRequest(Entry, Properties(("password", "from-chart"), ("url", "postgres://db")), "document 1"), default);

        Assert.Equal(["url"], outcome.Added);
        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Current());
    }

    [Fact]
    public async Task A_stage_move_applied_but_answered_with_500_counts_as_done()
    {
        server.Secrets.Seed(Entry, Original);
        var read = await store.ReadAsync(Entry, default);
        server.Fail("UpdateSecretVersionStage", new FakeFault(500, AfterApplying: true));

        Assert.True(await store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal("postgres://db", Current()["url"]);
        Assert.Equal(2, server.Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_it_warns_once_and_still_writes()
    {
        server.DeniedOperations["UpdateSecretVersionStage"] = true;
        server.Secrets.Seed(Entry, Original);
        server.Secrets.Seed("ns/other", Original);
        var populator = new Populator(store, new PopulationSettings());

        await populator.PopulateAsync(new EntryRequest(Entry, Properties(("url", "postgres://db")), "document 1"), default);
        await populator.PopulateAsync(new EntryRequest("ns/other", Properties(("url", "postgres://other")), "document 2"), default);

        Assert.Equal("postgres://db", Current()["url"]);
        Assert.False(store.HasCompareAndSet);
        var warning = Assert.Single(reporter.Warnings);
        Assert.Contains("secretsmanager:UpdateSecretVersionStage is denied", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsServer.TestKey.SecretKey, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_a_rotation_between_check_and_write_is_merged_back()
    {
        server.DeniedOperations["UpdateSecretVersionStage"] = true;
        server.Secrets.Seed(Entry, Original);
        var read = await store.ReadAsync(Entry, default);
        var puts = 0;
        server.Secrets.BeforeOperation = (operation, _) =>
        {
            // The first PutSecretValue is the staged one, before the denial; the rotation lands before the second.
            if (operation == "PutSecretValue" && ++puts == 2)
            {
                server.Secrets.Seed(Entry, Rotated);
            }
        };

        Assert.True(await store.TryWriteAsync(Entry, WithUrl(read!), read, default));

        Assert.Equal(Properties(("password", "rotated"), ("url", "postgres://db"), ("user", "app")), Current());
    }

    private void RotateOnceBefore(string operation)
    {
        var rotated = false;
        server.Secrets.BeforeOperation = (called, _) =>
        {
            if (called == operation && !rotated)
            {
                rotated = true;
                server.Secrets.Seed(Entry, Rotated);
            }
        };
    }

    private static Dictionary<string, string> WithUrl(StoreEntry read) =>
        new(read.Properties, StringComparer.Ordinal) { ["url"] = "postgres://db" };

    private Dictionary<string, string> Current() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(server.Secrets.CurrentString(Entry)!)!;
}
