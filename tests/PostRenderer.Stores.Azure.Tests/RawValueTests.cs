using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 19 item 1 for Azure: the shared raw-value scenarios (<see cref="RawValueScenarios{TStore}"/>) against the
/// secret's value, which ESO's azurekv provider returns without <c>remoteRef.property</c>; written without a content
/// type, as none describes it, and left alone whatever content type it has.
/// </summary>
public sealed class RawValueTests : RawValueScenarios<AzureUnderTest>
{
    [Fact]
    public async Task A_raw_value_is_written_without_a_content_type()
    {
        using var store = Target.CreateStore();

        Assert.True((await PopulateAsync(store, Target.Entry, "s3cr3t")).Created);

        Assert.Null(Target.Vault.Latest(Target.Entry)!.ContentType);
    }

    [Fact]
    public async Task A_present_JSON_value_with_a_JSON_content_type_is_left_as_it_is()
    {
        const string present = """{"token":"a JSON object is what ESO reads here, whole"}""";
        Target.Vault.Seed(Target.Entry, present, "application/json");
        using var store = Target.CreateStore();

        Assert.Equal([Key], (await PopulateAsync(store, Target.Entry, "from-chart")).AlreadyPresent);
        Assert.Equal(present, Target.Current(Target.Entry));
        Assert.Equal(1, Target.VersionCount(Target.Entry));
    }
}
