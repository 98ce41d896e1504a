using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 19 item 1 for AWS: the shared raw-value scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>)
/// against the secret's SecretString, which ESO reads without <c>remoteRef.property</c>; written through the same
/// staging-label compare-and-set as JSON entries, and never over a binary secret.
/// </summary>
public sealed class RawValueTests : RawValueScenariosWithLostAnswers<AwsUnderTest>
{
    private FakeSecretsManagerState Secrets => Target.Server.Secrets;

    private string Entry => Target.Entry;

    [Fact]
    public async Task An_empty_value_is_created_as_an_empty_SecretString()
    {
        using var store = Target.CreateStore();

        Assert.True((await PopulateAsync(store, Entry, "")).Created);

        Assert.Equal("", Secrets.CurrentString(Entry));
        Assert.Equal(1, Secrets.VersionCount(Entry));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing_through_the_staging_label()
    {
        Secrets.Seed(Entry, "old");
        var before = Secrets.CurrentVersionId(Entry)!;
        using var store = Target.CreateStore();

        var outcome = await PopulateAsync(store, Entry, "new", overwrite: true);

        Assert.Equal([Key], outcome.Replaced);
        Assert.Equal("new", Secrets.CurrentString(Entry));
        Assert.Contains(AwsStore.StagingLabel, Secrets.Stages(Entry, Secrets.CurrentVersionId(Entry)!));
        Assert.Equal(["AWSPREVIOUS"], Secrets.Stages(Entry, before));
    }

    [Fact]
    public async Task A_secret_created_by_another_writer_just_before_our_create_wins()
    {
        Secrets.BeforeOperation = (operation, _) =>
        {
            if (operation == "CreateSecret" && Secrets.CurrentString(Entry) is null)
            {
                Secrets.Seed(Entry, "theirs");
            }
        };
        using var store = Target.CreateStore();

        var outcome = await PopulateAsync(store, Entry, "mine");

        Assert.Equal([Key], outcome.AlreadyPresent);
        Assert.Equal("theirs", Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task A_rotation_landing_between_read_and_stage_move_is_not_undone()
    {
        Secrets.Seed(Entry, "old");
        using var store = Target.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        var rotated = false;
        Secrets.BeforeOperation = (operation, _) =>
        {
            if (operation == "UpdateSecretVersionStage" && !rotated)
            {
                rotated = true;
                Secrets.Seed(Entry, "rotated");
            }
        };

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Secrets.CurrentString(Entry));
    }

    [Fact]
    public async Task Where_stage_moves_are_denied_a_changed_secret_is_not_written()
    {
        Target.Server.DeniedOperations["UpdateSecretVersionStage"] = true;
        Secrets.Seed(Entry, "old");
        using var store = Target.CreateStore();
        var plain = Assert.IsAssignableFrom<IPlainValueStore>(store);
        var read = await plain.ReadPlainAsync(Entry, default);
        Secrets.Seed(Entry, "rotated");

        Assert.False(await plain.TryWritePlainAsync(Entry, "new", read, default));
        Assert.Equal("rotated", Secrets.CurrentString(Entry));

        var outcome = await PopulateAsync(store, Entry, "new", overwrite: true);
        Assert.Equal([Key], outcome.Replaced);
        Assert.Equal("new", Secrets.CurrentString(Entry));
        Assert.Single(Target.Reporter.Warnings);
    }

    [Fact]
    public async Task A_binary_secret_is_an_error_and_stays()
    {
        Secrets.Seed(Entry, secretString: null, secretBinary: "AAEC");
        using var store = Target.CreateStore();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, Entry, "s3cr3t", overwrite: true));

        Assert.Contains("SecretBinary", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Secrets.VersionCount(Entry));
    }
}
