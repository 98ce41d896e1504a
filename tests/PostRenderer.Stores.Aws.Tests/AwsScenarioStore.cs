using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// AWS Secrets Manager for the shared scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>): a fake, and
/// stores made as the CLI makes them, whose warnings are kept.
/// </summary>
public sealed class AwsScenarioStore : IRawValueStore, ILostAnswerStore
{
    public string Entry => "shop/api-token";

    public (string Value, string Refusal) OverLimit => (new string('x', 65_537), "raw value takes 65,537 bytes");

    public int WriteRequests => Server.Operations.Count(operation => operation is "CreateSecret" or "PutSecretValue" or "UpdateSecretVersionStage");

    internal FakeAwsServer Server { get; private set; } = null!;

    internal RecordingReporter Reporter { get; } = new();

    public async Task InitializeAsync() => Server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public ISecretStore CreateStore() => new AwsStoreFactory().Create(Context(Environment(Server)) with { Reporter = Reporter });

    public void Seed(string entry, string value) => Server.Secrets.Seed(entry, value);

    public string? Current(string entry) => Server.Secrets.CurrentString(entry);

    public int VersionCount(string entry) => Server.Secrets.VersionCount(entry);

    public void FailNextRequests(int count) => Server.Fail(new FakeFault(503), count);

    public void LoseNextCreateAnswer() => Server.Fail("CreateSecret", new FakeFault(502, AfterApplying: true));
}
