using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Issue 19 item 1 for Parameter Store: the shared raw-value scenarios
/// (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>) against a SecureString parameter's value, which ESO's
/// ParameterStore provider reads without <c>remoteRef.property</c>; created as a SecureString with Overwrite=false,
/// replaced keeping its key and tier, and never written over an unencrypted parameter.
/// </summary>
public sealed class RawValueTests : RawValueScenariosWithLostAnswers<ParameterStoreUnderTest>
{
    private string Entry => Target.Entry;

    [Fact]
    public async Task A_missing_parameter_is_created_as_a_SecureString()
    {
        Assert.True((await PopulateAsync(Target.CreateStore(), Entry, "s3cr3t")).Created);

        Assert.Equal("SecureString", Target.Fake.Settings(Entry).Type);
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing_keeping_key_and_tier()
    {
        Target.Fake.Put(Entry, "old", keyId: "alias/team-key", tier: "Advanced");

        Assert.Equal([Key], (await PopulateAsync(Target.CreateStore(), Entry, "new", overwrite: true)).Replaced);
        Assert.Equal("new", Target.Fake.Latest(Entry));
        Assert.Equal(("SecureString", "alias/team-key", "Advanced"), Target.Fake.Settings(Entry));
    }

    [Fact]
    public async Task A_parameter_created_by_another_writer_just_before_our_put_wins()
    {
        var store = Target.CreateStore();
        Target.Fake.BeforePut = name => Target.Fake.Put(name, "theirs");

        var outcome = await PopulateAsync(store, Entry, "mine");

        Assert.Equal([Key], outcome.AlreadyPresent);
        Assert.Equal("theirs", Target.Fake.Latest(Entry));
    }

    [Fact]
    public async Task An_unencrypted_parameter_is_an_error_and_stays()
    {
        Target.Fake.Put(Entry, "plain-text", type: "String");

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(Target.CreateStore(), Entry, "v", overwrite: true));

        Assert.Contains("not a SecureString", error.Message, StringComparison.Ordinal);
        Assert.Equal("plain-text", Target.Fake.Latest(Entry));
    }
}
