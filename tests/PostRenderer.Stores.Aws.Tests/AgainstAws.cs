using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>A test class against AWS Secrets Manager: a fake started for each test (<see cref="AwsUnderTest"/>).</summary>
public abstract class AgainstAws : StoreTests<AwsUnderTest>
{
    private protected FakeAwsServer Server => Target.Server;

    /// <summary>The test's one store, made on first use.</summary>
    private protected ISecretStore Store => Target.Store;
}
