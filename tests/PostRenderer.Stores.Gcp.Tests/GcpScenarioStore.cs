using System.Net;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// GCP for the shared scenarios (<see cref="RawValueScenarios{TStore}"/>): a fake Secret Manager trusting a service
/// account key, and stores made by the real factory against it.
/// </summary>
public sealed class GcpScenarioStore : IRawValueStore
{
    private GcpStoreHarness harness = null!;

    public string Entry => "shop-api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 65_537), "raw value takes 65,537 bytes");

    public int WriteRequests => Fake.WriteRequests;

    internal FakeSecretManager Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await GcpStoreHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public ISecretStore CreateStore() => harness.CreateStore();

    public void Seed(string entry, string value) => Fake.AddVersion(entry, value);

    public string? Current(string entry) => Fake.LatestText(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.FailNext(count, HttpStatusCode.ServiceUnavailable);
}
