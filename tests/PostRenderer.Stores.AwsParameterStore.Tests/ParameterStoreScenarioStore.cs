using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>
/// Parameter Store for the shared scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>): a fake, and
/// stores made as the CLI makes them.
/// </summary>
public sealed class ParameterStoreScenarioStore : ParameterStoreTestbed, IRawValueStore, ILostAnswerStore
{
    public string Entry => "/shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 4_097), "raw value takes 4,097 bytes");

    public int WriteRequests => Fake.Operations.Count(operation => operation == "PutParameter");

    public ISecretStore CreateStore() => CreateStore(populate: null);

    public void Seed(string entry, string value) => Fake.Put(entry, value);

    public string? Current(string entry) => Fake.Latest(entry);

    public int VersionCount(string entry) => Fake.VersionCount(entry);

    public void FailNextRequests(int count) => Fake.Fail(new FakeFault(503), count);

    public void LoseNextCreateAnswer() => Fake.Fail("PutParameter", new FakeFault(500, AfterApplying: true));
}
