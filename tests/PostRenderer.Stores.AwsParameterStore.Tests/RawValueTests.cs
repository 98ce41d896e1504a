using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Issue 19 item 1 for Parameter Store: a key without a property has a SecureString parameter whose value is its raw
/// value, as ESO's ParameterStore provider reads it without <c>remoteRef.property</c>; created with Overwrite=false,
/// never overwritten without --overwrite-existing, replaced only while the parameter is at the version read.
/// </summary>
public sealed class RawValueTests : ParameterStoreTestbed
{
    private const string Entry = "/shop/api-token";

    private static Task<EntryOutcome> PopulateAsync(ISecretStore store, string value, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(Entry, Properties(("token", value)), "document 1") { Plain = true }, default);

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    public async Task A_missing_parameter_is_created_as_a_SecureString_holding_the_value(string value)
    {
        var outcome = await PopulateAsync(CreateStore(), value);

        Assert.True(outcome.Created);
        Assert.Equal(value, Fake.Latest(Entry));
        Assert.Equal("SecureString", Fake.Settings(Entry).Type);
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated")]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present)
    {
        Fake.Put(Entry, present);

        Assert.Equal(["token"], (await PopulateAsync(CreateStore(), "from-chart")).AlreadyPresent);
        Assert.Equal(present, Fake.Latest(Entry));
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing_keeping_key_and_tier()
    {
        Fake.Put(Entry, "old", keyId: "alias/team-key", tier: "Advanced");

        Assert.Equal(["token"], (await PopulateAsync(CreateStore(), "new", overwrite: true)).Replaced);
        Assert.Equal("new", Fake.Latest(Entry));
        Assert.Equal(("SecureString", "alias/team-key", "Advanced"), Fake.Settings(Entry));
    }

    [Fact]
    public async Task A_version_added_since_the_read_stops_the_write()
    {
        Fake.Put(Entry, "old");
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(CreateStore());
        var read = await plain.ReadPlainAsync(Entry, default);
        Fake.Put(Entry, "rotated");

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Fake.Latest(Entry));
    }

    [Fact]
    public async Task A_parameter_created_by_another_writer_meanwhile_wins()
    {
        var store = CreateStore();
        Fake.BeforePut = name => Fake.Put(name, "theirs");

        var outcome = await PopulateAsync(store, "mine");

        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal("theirs", Fake.Latest(Entry));
    }

    [Fact]
    public async Task A_create_applied_but_answered_with_500_counts_as_ours_once()
    {
        Fake.Fail(new FakeFault(500, AfterApplying: true));

        Assert.True((await PopulateAsync(CreateStore(), "s3cr3t")).Created);
        Assert.Equal(1, Fake.VersionCount(Entry));
    }

    [Fact]
    public async Task An_unencrypted_parameter_is_an_error_and_stays()
    {
        Fake.Put(Entry, "plain-text", type: "String");

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(CreateStore(), "v", overwrite: true));

        Assert.Contains("not a SecureString", error.Message, StringComparison.Ordinal);
        Assert.Equal("plain-text", Fake.Latest(Entry));
    }

    [Fact]
    public async Task A_value_over_the_tier_limit_is_refused_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(CreateStore(), new string('x', 4_097)));

        Assert.Contains("raw value takes 4,097 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Fake.VersionCount(Entry));
    }
}
