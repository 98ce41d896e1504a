using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 19 item 1 for Azure: a key without a property has a secret whose value is its raw value, as ESO's azurekv
/// provider reads it without <c>remoteRef.property</c>; created when missing, never overwritten without
/// --overwrite-existing, set only while the version read is still the latest.
/// </summary>
public sealed class RawValueTests : KeyVaultTestbed
{
    private const string Entry = "shop-api-token";

    private static Task<EntryOutcome> PopulateAsync(ISecretStore store, string value, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite })
            .PopulateAsync(new EntryRequest(Entry, Properties(("token", value)), "document 1") { Plain = true }, default);

    [Theory]
    [InlineData("s3cr3t")]
    [InlineData("""{"looks":"like JSON"}""")]
    [InlineData("ünïcødé")]
    public async Task A_missing_secret_is_created_with_the_value_as_it_is(string value)
    {
        using var store = CreateStore();

        var outcome = await PopulateAsync(store, value);

        Assert.True(outcome.Created);
        var stored = Vault.Latest(Entry)!;
        Assert.Equal(value, stored.Value);
        Assert.Null(stored.ContentType);
        Assert.Equal(1, Vault.VersionCount(Entry));
    }

    [Theory]
    [InlineData("rotated", null)]
    [InlineData("""{"token":"a JSON object is what ESO reads here, whole"}""", "application/json")]
    public async Task A_present_value_is_left_as_it_is_whatever_it_looks_like(string present, string? contentType)
    {
        Vault.Seed(Entry, present, contentType);
        using var store = CreateStore();

        var outcome = await PopulateAsync(store, "from-chart");

        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal(present, Vault.Latest(Entry)!.Value);
        Assert.Equal(1, Vault.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing()
    {
        Vault.Seed(Entry, "old", null);
        using var store = CreateStore();

        var outcome = await PopulateAsync(store, "new", overwrite: true);

        Assert.Equal(["token"], outcome.Replaced);
        Assert.Equal("new", Vault.Latest(Entry)!.Value);
        Assert.Equal(2, Vault.VersionCount(Entry));
    }

    [Fact]
    public async Task A_version_added_since_the_read_stops_the_write()
    {
        Vault.Seed(Entry, "old", null);
        using var store = CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Vault.Seed(Entry, "rotated", null);

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Vault.Latest(Entry)!.Value);
    }

    [Fact]
    public async Task A_secret_created_by_another_writer_meanwhile_wins()
    {
        using var store = CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Vault.Seed(Entry, "theirs", null);

        Assert.False(await plain.TryWritePlainAsync(Entry, "mine", read, default));
        Assert.Equal(["token"], (await PopulateAsync(store, "mine")).AlreadyPresent);
        Assert.Equal("theirs", Vault.Latest(Entry)!.Value);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_value_lands_once()
    {
        using var store = CreateStore();
        Vault.FailNext(2, 503);

        Assert.True((await PopulateAsync(store, "s3cr3t")).Created);
        Assert.Equal(1, Vault.VersionCount(Entry));
    }

    [Fact]
    public async Task A_value_over_the_limit_as_sent_is_refused_before_anything_is_written()
    {
        using var store = CreateStore();

        // 4,300 'é' are 4,300 characters but 25,800 as sent (\u00e9 each).
        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, new string('é', 4_300)));

        Assert.Contains("raw value takes 25,800 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Vault.VersionCount(Entry));
    }

    [Fact]
    public async Task A_JSON_entry_holding_a_raw_value_is_an_error_not_overwritten()
    {
        Vault.Seed(Entry, "raw", null);
        using var store = CreateStore();

        await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings { OverwriteExisting = true })
            .PopulateAsync(new EntryRequest(Entry, Properties(("token", "v")), "document 1"), default));

        Assert.Equal("raw", Vault.Latest(Entry)!.Value);
    }
}
