using System.Net;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Issue 19 item 1 for Alibaba: a key without a property has a secret whose ACSCurrent SecretData is its raw value,
/// as ESO's alibaba provider reads it without <c>remoteRef.property</c>; created when missing, never overwritten
/// without --overwrite-existing, replaced only while ACSCurrent is still the version read.
/// </summary>
public sealed class RawValueTests : IAsyncLifetime
{
    private const string Entry = "shop/api-token";
    private AlibabaHarness harness = null!;

    private FakeAlibabaKms Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await AlibabaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static Task<EntryOutcome> PopulateAsync(ISecretStore store, string value, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(Entry, new Dictionary<string, string> { ["token"] = value }, "document 1") { Plain = true }, default);

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    public async Task A_missing_secret_is_created_with_the_value_as_its_text_SecretData(string value)
    {
        using var store = harness.CreateStore();

        var outcome = await PopulateAsync(store, value);

        Assert.True(outcome.Created);
        Assert.Equal(value, Fake.Current(Entry));
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated")]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present)
    {
        Fake.Seed(Entry, present);
        using var store = harness.CreateStore();

        Assert.Equal(["token"], (await PopulateAsync(store, "from-chart")).AlreadyPresent);
        Assert.Equal(present, Fake.Current(Entry));
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing()
    {
        Fake.Seed(Entry, "old");
        using var store = harness.CreateStore();

        Assert.Equal(["token"], (await PopulateAsync(store, "new", overwrite: true)).Replaced);
        Assert.Equal("new", Fake.Current(Entry));
        Assert.Equal(2, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_version_stored_since_the_read_stops_the_write()
    {
        Fake.Seed(Entry, "old");
        using var store = harness.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Fake.Seed(Entry, "rotated");

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Fake.Current(Entry));
    }

    [Fact]
    public async Task A_secret_created_by_another_writer_meanwhile_wins()
    {
        using var store = harness.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Fake.Seed(Entry, "theirs");

        Assert.False(await plain.TryWritePlainAsync(Entry, "mine", read, default));
        Assert.Equal(["token"], (await PopulateAsync(store, "mine")).AlreadyPresent);
        Assert.Equal("theirs", Fake.Current(Entry));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_counted_as_ours_once()
    {
        var lost = 0;
        Fake.AfterWrite = _ => Interlocked.Increment(ref lost) == 1 ? HttpStatusCode.InternalServerError : null;
        using var store = harness.CreateStore();

        Assert.True((await PopulateAsync(store, "s3cr3t")).Created);
        Assert.Equal(1, Fake.VersionCount(Entry));
        Assert.Equal("s3cr3t", Fake.Current(Entry));
    }

    [Fact]
    public async Task A_value_over_the_limit_is_refused_before_anything_is_written()
    {
        using var store = harness.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, new string('x', 30_721)));

        Assert.Contains("raw value takes 30,721 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.Calls("CreateSecret"));
    }

    [Fact]
    public async Task A_JSON_entry_holding_a_raw_value_is_an_error_not_overwritten()
    {
        Fake.Seed(Entry, "raw");
        using var store = harness.CreateStore();

        await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings { OverwriteExisting = true })
            .PopulateAsync(new EntryRequest(Entry, new Dictionary<string, string> { ["token"] = "v" }, "document 1"), default));

        Assert.Equal("raw", Fake.Current(Entry));
    }
}
