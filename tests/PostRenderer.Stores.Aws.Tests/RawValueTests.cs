using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 19 item 1 for AWS: a key without a property has a secret whose SecretString is its raw value, as ESO reads it
/// without <c>remoteRef.property</c>; created when missing, never overwritten without --overwrite-existing, written
/// through the same staging-label compare-and-set as JSON entries.
/// </summary>
public sealed class RawValueTests : IAsyncLifetime
{
    private const string Entry = "shop/api-token";
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

    private IPlainValueStore Plain => Assert.IsAssignableFrom<IPlainValueStore>(store);

    private Task<EntryOutcome> PopulateAsync(string value, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(Entry, Properties(("token", value)), "document 1") { Plain = true }, default);

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    [InlineData("")]
    public async Task A_missing_secret_is_created_with_the_value_as_its_SecretString(string value)
    {
        var outcome = await PopulateAsync(value);

        Assert.True(outcome.Created);
        Assert.Equal(value, server.Secrets.CurrentString(Entry));
        Assert.Equal(1, server.Secrets.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated")]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present)
    {
        server.Secrets.Seed(Entry, present);

        var outcome = await PopulateAsync("from-chart");

        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal(present, server.Secrets.CurrentString(Entry));
        Assert.Equal(1, server.Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing_through_the_staging_label()
    {
        server.Secrets.Seed(Entry, "old");
        var before = server.Secrets.CurrentVersionId(Entry)!;

        var outcome = await PopulateAsync("new", overwrite: true);

        Assert.Equal(["token"], outcome.Replaced);
        Assert.Equal("new", server.Secrets.CurrentString(Entry));
        Assert.Contains(AwsStore.StagingLabel, server.Secrets.Stages(Entry, server.Secrets.CurrentVersionId(Entry)!));
        Assert.Equal(["AWSPREVIOUS"], server.Secrets.Stages(Entry, before));
    }

    [Fact]
    public async Task A_secret_created_by_another_writer_meanwhile_wins()
    {
        server.Secrets.BeforeOperation = (operation, _) =>
        {
            if (operation == "CreateSecret" && server.Secrets.CurrentString(Entry) is null)
            {
                server.Secrets.Seed(Entry, "theirs");
            }
        };

        var outcome = await PopulateAsync("mine");

        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal("theirs", server.Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task A_rotation_landing_between_read_and_stage_move_is_not_undone()
    {
        server.Secrets.Seed(Entry, "old");
        var read = await Plain.ReadPlainAsync(Entry, default);
        var rotated = false;
        server.Secrets.BeforeOperation = (operation, _) =>
        {
            if (operation == "UpdateSecretVersionStage" && !rotated)
            {
                rotated = true;
                server.Secrets.Seed(Entry, "rotated");
            }
        };

        Assert.False(await Plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", server.Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_a_changed_secret_is_not_written()
    {
        server.DeniedOperations["UpdateSecretVersionStage"] = true;
        server.Secrets.Seed(Entry, "old");
        var read = await Plain.ReadPlainAsync(Entry, default);
        server.Secrets.Seed(Entry, "rotated");

        Assert.False(await Plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", server.Secrets.CurrentString(Entry));

        var outcome = await PopulateAsync("new", overwrite: true);
        Assert.Equal(["token"], outcome.Replaced);
        Assert.Equal("new", server.Secrets.CurrentString(Entry));
        Assert.Single(reporter.Warnings);
    }

    [Fact]
    public async Task A_create_applied_but_answered_with_500_is_retried_idempotently()
    {
        server.Fail(new FakeFault(502, AfterApplying: true));

        var outcome = await PopulateAsync("s3cr3t");

        Assert.True(outcome.Created);
        Assert.Equal(1, server.Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task A_binary_secret_is_an_error_and_stays()
    {
        server.Secrets.Seed(Entry, secretString: null, secretBinary: "AAEC");

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync("s3cr3t", overwrite: true));

        Assert.Contains("SecretBinary", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task A_value_over_the_limit_is_refused_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(new string('x', 65_537)));

        Assert.Contains("raw value takes 65,537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests - 1); // the read only
    }

    [Fact]
    public async Task A_JSON_entry_holding_a_raw_value_is_an_error_not_overwritten()
    {
        server.Secrets.Seed(Entry, "raw");

        var error = await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings { OverwriteExisting = true })
            .PopulateAsync(new EntryRequest(Entry, Properties(("token", "v")), "document 1"), default));

        Assert.DoesNotContain("raw\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("raw", server.Secrets.CurrentString(Entry));
    }
}
