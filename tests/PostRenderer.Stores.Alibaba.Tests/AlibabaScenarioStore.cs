using System.Net;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Alibaba for the shared scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>): a fake KMS that knows
/// one AccessKey, and stores made by the real factory against it.
/// </summary>
public sealed class AlibabaScenarioStore : IRawValueStore, ILostAnswerStore
{
    private AlibabaHarness harness = null!;

    public string Entry => "shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 30_721), "raw value takes 30,721 bytes");

    public int WriteRequests => Fake.Calls("CreateSecret") + Fake.Calls("PutSecretValue");

    internal FakeAlibabaKms Fake => harness.Fake;

    public async Task InitializeAsync() => harness = await AlibabaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public ISecretStore CreateStore() => harness.CreateStore();

    public void Seed(string entry, string value) => Fake.Seed(entry, value);

    public string? Current(string entry) => Fake.Current(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.FailNext(count, HttpStatusCode.ServiceUnavailable);

    public void LoseNextCreateAnswer()
    {
        var writes = 0;
        Fake.AfterWrite = _ => Interlocked.Increment(ref writes) == 1 ? HttpStatusCode.InternalServerError : null;
    }
}
