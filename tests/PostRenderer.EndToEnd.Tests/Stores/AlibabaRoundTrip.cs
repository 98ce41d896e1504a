namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// A round trip of the published binary against the fake KMS Secrets Manager, for every Alibaba Cloud credential
/// source: KMS and STS both at the fake (<c>alibaba.endpoint</c>, <c>alibaba.stsEndpoint</c>); each test sets only its
/// credential source's variables and files.
/// </summary>
internal static class AlibabaRoundTrip
{
    public static StoreRoundTrip Start(FakeAlibabaKms kms)
    {
        var roundTrip = new StoreRoundTrip("alibaba");
        roundTrip.Variables.Set("SECRET_POSTRENDERER_ALIBABA__REGION_ID", "cn-hangzhou")
            .Set("SECRET_POSTRENDERER_ALIBABA__ENDPOINT", kms.Endpoint.ToString())
            .Set("SECRET_POSTRENDERER_ALIBABA__STS_ENDPOINT", kms.Endpoint.ToString());
        return roundTrip;
    }

    /// <summary>Two runs: the first creates the entry's value in the fake, the second adds no version.</summary>
    public static Task AssertAsync(FakeAlibabaKms kms, StoreRoundTrip roundTrip) =>
        roundTrip.AssertCreatedThenPresentAsync(
            () => kms.CurrentProperties(StoreRoundTrip.Entry)?.GetValueOrDefault(StoreRoundTrip.Key),
            () => kms.VersionCount(StoreRoundTrip.Entry));
}
