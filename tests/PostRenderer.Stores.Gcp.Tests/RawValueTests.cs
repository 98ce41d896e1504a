using System.Net;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 19 item 1 for GCP: a key without a property has a secret whose latest payload is its raw value, as ESO's
/// gcpsm provider reads it without <c>remoteRef.property</c>; created when missing, never overwritten without
/// --overwrite-existing, a version added only while the latest is still the one read.
/// </summary>
public sealed class RawValueTests : IAsyncLifetime
{
    private const string Entry = "shop-api-token";
    private GcpStoreHarness harness = null!;

    private FakeSecretManager Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await GcpStoreHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static Task<EntryOutcome> PopulateAsync(ISecretStore store, string value, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(Entry, new Dictionary<string, string> { ["token"] = value }, "document 1") { Plain = true }, default);

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    [InlineData("ünïcødé")]
    public async Task A_missing_secret_is_created_with_the_value_as_its_payload(string value)
    {
        using var store = harness.CreateStore();

        var outcome = await PopulateAsync(store, value);

        Assert.True(outcome.Created);
        Assert.Equal(value, Fake.LatestText(Entry));
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated")]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present)
    {
        Fake.AddVersion(Entry, present);
        using var store = harness.CreateStore();

        var outcome = await PopulateAsync(store, "from-chart");

        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal(present, Fake.LatestText(Entry));
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_payload_that_is_not_text_counts_as_present()
    {
        Fake.AddVersion(Entry, [0xff, 0xfe, 0x00]);
        using var store = harness.CreateStore();

        Assert.Equal(["token"], (await PopulateAsync(store, "from-chart")).AlreadyPresent);
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing()
    {
        Fake.AddVersion(Entry, "old");
        using var store = harness.CreateStore();

        var outcome = await PopulateAsync(store, "new", overwrite: true);

        Assert.Equal(["token"], outcome.Replaced);
        Assert.Equal("new", Fake.LatestText(Entry));
        Assert.Equal(2, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_version_added_since_the_read_stops_the_write()
    {
        Fake.AddVersion(Entry, "old");
        using var store = harness.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Fake.AddVersion(Entry, "rotated");

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Fake.LatestText(Entry));
    }

    [Fact]
    public async Task A_secret_created_by_another_writer_meanwhile_wins()
    {
        using var store = harness.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Fake.AddVersion(Entry, "theirs");

        Assert.False(await plain.TryWritePlainAsync(Entry, "mine", read, default));
        Assert.Equal(["token"], (await PopulateAsync(store, "mine")).AlreadyPresent);
        Assert.Equal("theirs", Fake.LatestText(Entry));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_value_lands_once()
    {
        using var store = harness.CreateStore(retries: 3);
        Fake.FailNext(2, HttpStatusCode.ServiceUnavailable);

        Assert.True((await PopulateAsync(store, "s3cr3t")).Created);
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_value_over_the_limit_is_refused_before_anything_is_written()
    {
        using var store = harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, new string('x', 65_537)));

        Assert.Contains("raw value takes 65,537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_JSON_entry_holding_a_raw_value_is_an_error_not_overwritten()
    {
        Fake.AddVersion(Entry, "raw");
        using var store = harness.CreateStore();

        await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings { OverwriteExisting = true })
            .PopulateAsync(new EntryRequest(Entry, new Dictionary<string, string> { ["token"] = "v" }, "document 1"), default));

        Assert.Equal("raw", Fake.LatestText(Entry));
    }
}
