using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// Issue 19 item 1 for GCP: the shared raw-value scenarios (<see cref="RawValueScenarios{TStore}"/>) against the
/// latest version's payload, which ESO's gcpsm provider returns without <c>remoteRef.property</c>; and a payload
/// that is not text.
/// </summary>
public sealed class RawValueTests : RawValueScenarios<GcpUnderTest>
{
    [Fact]
    public async Task A_payload_that_is_not_text_counts_as_present()
    {
        Target.Fake.AddVersion(Target.Entry, [0xff, 0xfe, 0x00]);
        using var store = Target.CreateStore();

        Assert.Equal([Key], (await PopulateAsync(store, Target.Entry, "from-chart")).AlreadyPresent);
        Assert.Equal(1, Target.VersionCount(Target.Entry));
    }
}
